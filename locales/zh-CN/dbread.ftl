# 从团队存储读取单份报告：report、diff、explain、verify --db。
db-report-reference = 团队存储中找不到 `{ $reference }` 所指的报告：请给出报告摘要（`sha256:…`，或至少前 { $digits } 位十六进制数字），或按 `检查对象@YYYY-MM-DD` 写出检查对象和日期
db-report-unknown = 团队存储中没有摘要为 `{ $digest }` 的报告：可改用检查对象和日期来指定（`opscheck summary --db` 会列出每次检查的对象和日期），或先上传该报告（`opscheck push`）
db-report-ambiguous = 团队存储中有{ $count ->
    [11] 10 份以上报告
   *[other] { $count } 份报告
}的摘要以 `{ $prefix }` 开头：请多给几位十六进制数字
  { $listed }
db-report-no-subject = 团队存储中没有 `{ $subject }` 的报告：请检查拼写（`opscheck summary --db --by subject` 会列出所有检查对象）
db-report-no-day = 团队存储中没有 `{ $subject }` 在 { $date } 的报告；最近几次检查的日期是 { $dates }
db-report-latest = 提示：该检查对象当天有 { $count } 份报告，已取最晚完成的一份 `{ $digest }`（其余：{ $others }）
db-no-signatures = 团队存储不保存签名（上传时不含 `.sig` 文件）：请对文件核验签名，即 `opscheck verify REPORT.json --allowed-signers FILE`
db-history-dir = 使用 `--db` 时，`--history` 遍历的是团队存储，不接受目录：请去掉 `{ $dir }`，或去掉 `--db` 改为遍历该文件夹
db-diff-no-reports = 团队存储中没有 `{ $subject }` 的报告
db-verify-evidence = 未核验        { $path }：有 { $count } 个证据附件不在团队存储中；请对当初上传的文件夹核验
