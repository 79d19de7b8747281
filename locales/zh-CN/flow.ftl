## 问题 10：检查记录的正是检查人的本意

answer-invalid-for-item = 检查项 `{ $item }` 不可能有 `{ $answer }` 这样的回答
answer-hidden = 已隐藏
journal-unknown-item = 模板中没有检查项 `{ $item }`
journal-required-skipped = 必答项 `{ $item }` 不能跳过
draft-dir-not-a-directory = 它必须是真实的目录，不能是符号链接或文件：删除后 opscheck 会重新创建
prompt-action-removed = 该回答已不再判为不合格，原有的整改措施（{ $action }）已删除
prompt-action-not-failed = 整改措施只针对不合格的回答；此项合格，因此不记录整改措施
run-no-draft-id = `{ $out }` 下没有 id 为 `{ $id }` 的草稿；`opscheck drafts --out { $out }` 可列出所有草稿及其 id
run-draft-exists-id = 提示：`{ $subject }` 有一次未完成的检查保存在 `{ $path }`（id { $id }）；它会保留，使用 `--resume { $id }` 可继续
run-journal-line-rejected = `{ $path }` 第 { $line } 行与模板不符；此前的回答已保留，其余内容另存为同名的 `.rejected` 文件
run-hidden-answer = 警告：`{ $item }` 有回答，但其显示条件不成立；该回答会保留并标记为已隐藏，不计入任何得分
term-failed-banner = ✗ 不合格：{ $item }
term-action-needs-failure = 整改措施只针对不合格的回答，此项没有不合格的回答
term-ask-help = 回车确认 · Esc 或 Ctrl-C 退出
key-sign = 签字
key-action = 整改措施
key-action-previous = 为该项添加整改措施
key-note-previous = 为该项添加备注
key-first-open = 跳到第一个未答项
drafts-id = 编号
check-weight-limit = 权重 { $value } 超过上限 { $limit }
prompt-fail-needs = 此项不合格，模板要求{ $needs ->
    [note] 填写备注：`回答 # 备注`
    [action] 填写整改措施：`回答 ! 措施 | 负责人 | 截止日期 | 优先级`
   *[other] 同时填写备注和整改措施：`回答 # 备注 ! 措施`
}
answers-fail-needs = `{ $item }` 不合格，模板要求填写 `{ $key }`：请添加 `{ $key } = …`
run-resume-which = { $count ->
    [one] `{ $subject }` 有一次未完成的检查，是否继续？
   *[other] `{ $subject }` 有 { $count } 次未完成的检查，要继续哪一次？
}
run-resume-option = { $id } · 开始于 { $started } · 已答 { $count } 项
term-choose-help = 按数字（或回车选第一项）继续 · n 开始新的检查 · Ctrl-C 退出
