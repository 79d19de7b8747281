# Excel 工作簿（.xlsx）与 XLSForm 导入导出。

xlsx-terminal = .xlsx 工作簿是二进制文件，直接输出会让终端乱码；请用 `-o 文件` 写入，或把标准输出重定向到文件（`> 文件.xlsx`）
output-exists = `{ $path }` 已存在；opscheck 不会覆盖已有文件，请换个文件名或先删除它
xlsx-sheet-overview = 概览
xlsx-sheet-actions = 整改计划
xlsx-sheet-inspections = 检查记录
xlsx-sheet-subjects = 检查对象
xlsx-sheet-inspectors = 检查人
xlsx-sheet-months = 月份
xlsx-summary-title = opscheck 汇总：{ $view }
xlsx-export-title = opscheck 导出：每个回答一行
xlsx-field = 项目
xlsx-value = 内容
xlsx-template-id = 模板 ID
xlsx-template-version = 模板版本
xlsx-pass-mark = 合格线
xlsx-max-points = 满分
xlsx-section-id = 领域 ID
xlsx-weight = 权重
xlsx-item-id = 检查项 ID
xlsx-kind = 类型
xlsx-previous = 上次得分率
xlsx-change-points = 变化（百分点）
xlsx-latest-note-date = 最近备注日期
xlsx-overdue-days = 逾期天数
