# 命令为何中止，以及输入输出操作失败的原因。

error-stdout = 无法写出结果
error-stderr = 无法向标准错误输出写入消息
error-terminal = 终端无法使用；已作答的内容保存在草稿中
error-input = 无法从标准输入读取答案；已作答的内容保存在草稿中
error-workbook = 无法生成工作簿（{ $reason }）
error-draft-names-taken = `{ $path }` 中可用的草稿文件名已用尽：请先完成或删除其中的一些草稿（`opscheck drafts`）
error-report-names-taken = `{ $path }` 中本次检查可用的报告文件名已用尽：请移走较早的报告

io-not-found = 文件或目录不存在
io-permission-denied = 没有权限
io-already-exists = 已经存在
io-broken-pipe = 读取方已关闭（管道断开）
io-storage-full = 磁盘已满
io-read-only = 文件系统为只读
io-is-a-directory = 这是一个目录
io-not-a-directory = 路径中的某一部分不是目录
io-invalid-data = 数据无效
io-unexpected-eof = 内容提前结束
io-interrupted = 已中断
io-busy = 资源正忙，请稍后重试
io-quota = 超出磁盘配额
io-file-too-large = 文件超出文件系统允许的大小
io-other = { $reason }
