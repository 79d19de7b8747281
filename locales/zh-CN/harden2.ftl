# opscheck — 简体中文：加固的最后几处（issue 12）：草稿日志、证据文件、签名。

journal-not-regular = 它是{ $kind ->
    [fifo] 命名管道（FIFO）
    [device] 设备文件
    [socket] 套接字
    [symlink] 符号链接
    [directory] 目录
   *[other] 特殊文件
  }，不是 opscheck 写下的草稿，因此不会打开：请删除它，或把它移出 `.drafts/`
evidence-not-regular = `{ $path }` 是{ $kind ->
    [fifo] 命名管道（FIFO）
    [device] 设备文件
    [socket] 套接字
    [directory] 目录
   *[other] 特殊文件
  }，不是普通文件；只能附加普通文件（或指向普通文件的符号链接）
verify-evidence-not-regular = 不是普通文件（该位置上是命名管道、设备文件或目录）
verify-sig-not-regular = `{ $sig }` 是{ $kind ->
    [fifo] 命名管道（FIFO）
    [device] 设备文件
    [socket] 套接字
    [directory] 目录
   *[other] 特殊文件
  }，不是签名文件；opscheck 不会打开它
verify-sig-too-large = `{ $sig }` 超过 { $limit } KiB，SSH 签名不可能这么大；opscheck 不读取它
prompt-line-too-long = 有一行输入超过 { $limit } MiB：opscheck 到此停止读取，之前的回答均已保存
