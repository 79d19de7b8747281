# 第 15 号议题第 3、4 部分：集成与仪表盘。

validate-rule-help = 运行 `opscheck validate 文件` 可在源代码行下看到问题所在；模板格式见 `opscheck schema`
html-no-score = 无得分
