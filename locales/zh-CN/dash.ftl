# 第 15 号议题第 3、4 部分：集成与仪表盘。

validate-rule-help = 运行 `opscheck validate 文件` 可在源代码行下看到问题所在；模板格式见 `opscheck schema`
html-no-score = 无得分
man-exists = `{ $path }` 已存在；`man --out` 不会覆盖已有的手册页：请先删除它，或换一个目录
man-unknown = 没有 `{ $name }` 这个命令；有手册页的命令：{ $names }

# 仪表盘：summary --format html
dash-title = 巡检仪表盘
dash-overview = 共 { $count } 次检查，平均得分 { $mean }，通过率 { $pass_rate }
dash-today = { $today } 生成
dash-filters = 筛选条件
dash-filter-paths = 报告来源
dash-filter-since = 起始日期
dash-filter-until = 截止日期
dash-filter-subject = 检查对象
dash-filter-template = 模板
dash-filter-inspector = 检查人
dash-filter-result = 结果
dash-filter-any = 全部
dash-filter-mean = 平均方式
dash-mean-inspections = 各次检查得分的平均值（每次检查权重相同）
dash-mean-pooled = 合并得分（总得分 ÷ 总满分）
dash-filter-today = 逾期计算日
dash-per-month = 每月检查次数
dash-trend = 各模板每月平均得分
dash-areas = 各领域：平均分与分布
dash-spread = 最低到最高，及平均分
dash-min-max = 范围
dash-subjects = 检查对象排名（按最近一次检查）
dash-rank = 排名
dash-findings = 最常不合格的检查项
dash-actions = 逾期的整改措施
dash-none = 这些报告中没有相关内容
dash-one-page = 仪表盘在一页中展示所有视图：使用 `--format html` 时请不要同时指定 `--by`、`--findings` 或 `--actions`
dash-more-actions = ……另有 { $count } 项逾期：`opscheck summary --actions` 可列出全部整改措施
dash-due = 待巡检
dash-no-sites = 没有站点文件（`--sites`，默认为 checklists/sites.toml）：巡检周期在其中设定，参见 `opscheck due --help`
dash-more-due = ……另有 { $count } 项：`opscheck due` 可列出全部巡检计划
