# opscheck — 简体中文：读取限制、文件类型与文本安全（issue 12）。

error-not-a-file = `{ $path }` 是{ $kind ->
    [fifo] 命名管道（FIFO）
    [device] 设备文件
    [socket] 套接字
    [symlink] 符号链接
    [directory] 目录
   *[other] 特殊文件
  }，不是普通文件：请指定一个文件
error-too-large = `{ $path }` 超过 { $limit } MiB 的上限，opscheck 不读取它
error-not-utf8 = `{ $path }` 从第 { $at } 字节起不是有效的 UTF-8：请以 UTF-8 编码保存
error-special-filesystem = `{ $path }` 位于特殊文件系统（/proc、/sys 或 /dev）上，opscheck 不会遍历它：请指定存放报告的目录
error-report-too-large = 报告将达到 { $size } MiB，超过所有命令可读取的 { $limit } MiB 上限；未写入任何文件，答案仍保存在草稿中
run-hidden-character = { $what ->
    [subject] 检查对象
   *[inspector] 检查人
} `{ $text }` 含有不可见字符或控制字符（{ $character }），已删除：`{ $kept }`
summary-more-skipped = ……另有 { $count } 个文件被跳过（加 `--verbose` 可全部列出）
verify-unknown-fields = 无效        { $path }：含有报告格式中不存在的字段，摘要无法覆盖这些字段
verify-unknown-field = 未知字段 `{ $field }`
verify-not-canonical = 无效        { $path }：第 { $line } 行与 `opscheck run` 写入的内容不同（文件被重新排版，或数字写法不同）；只有原样的字节才能通过核验
check-unlisted = ……另有 { $count } 个未知键
validate-more-problems = ……`{ $path }` 中另有 { $count } 个问题（只列出前 { $listed } 个）
check-too-many-values = 模板中的值（键、数组元素、表）超过 { $limit } 个，opscheck 在此处停止读取
check-too-many-values-help = 含 100,000 个检查项的模板约需 600,000 个值；请把清单拆分成多个模板
check-too-many-items = 模板有 { $count } 个检查项，超过 { $limit } 个的上限
check-too-many-items-help = 请把清单拆分成多个模板：检查项过多时，报告可能超过报告大小上限
journal-too-large = 草稿超过 { $limit } MiB 的上限
