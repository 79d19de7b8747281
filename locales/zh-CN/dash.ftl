# 第 15 号议题第 3、4 部分：集成与仪表盘。

validate-rule-help = 运行 `opscheck validate 文件` 可在源代码行下看到问题所在；模板格式见 `opscheck schema`
html-no-score = 无得分
man-exists = `{ $path }` 已存在；`man --out` 不会覆盖已有的手册页：请先删除它，或换一个目录
man-unknown = 没有 `{ $name }` 这个命令；有手册页的命令：{ $names }
