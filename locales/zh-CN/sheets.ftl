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

xlsx-sheet-action-list = 整改措施
xlsx-sheet-due = 待检查
xlsx-sheet-waivers = 豁免
xlsx-days-left = 剩余天数
xlsx-due-upcoming = 未到期
# XLSForm 导入：每条消息都说明丢弃了什么、其余部分如何处理。
xlsform-unreadable = 无法作为 XLSForm 工作簿或 CSV 读取（{ $reason }）
xlsform-no-survey = 缺少 `survey` 工作表：XLSForm 必须有它（工作表名不区分大小写）
xlsform-no-type = survey 工作表第一行没有 `type` 列
xlsform-nothing = 没有可导入的题目，未写入任何文件
xlsform-invalid = 导入得到的模板未通过 `validate`（{ $problems }），这是 opscheck 的缺陷，请反馈
xlsform-strict = --strict：有 { $count } 处内容会被丢弃，未写入任何文件
xlsform-header = 由 `opscheck import` 从 XLSForm 文件 `{ $file }` 导入。
xlsform-imported = 已导入 `{ $file }`：{ $templates } 个模板，共 { $items } 个检查项；{ $dropped ->
    [0] 没有丢弃任何内容
   *[other] 丢弃 { $dropped } 处（见上方列表）
}
xlsform-language = 语言 `{ $name }` 没有 `(en)` 这样的代码，其文本以语言标签 `{ $tag }` 写入
xlsform-drop-column = 已丢弃 `{ $column }` 列：opscheck 不使用它
xlsform-drop-choice-filter = 已丢弃 `choice_filter` 列：所有选项都会显示
xlsform-drop-type = 已丢弃 `{ $kind }` 类型的题目 `{ $name }`：opscheck 没有这种检查项
xlsform-drop-calculate = 已丢弃计算字段 `{ $name }`：opscheck 不做字段计算
xlsform-drop-repeat = 已丢弃重复组 `{ $name }` 及其中 { $count } 道题：opscheck 每个检查项只问一次
xlsform-drop-relevant = 已丢弃条件 `{ $expression }`，该项将始终询问：只有针对前面是/否题或带分值选择题的 `${"{"}q{"}"} = '值'` 才能转为 `when`
xlsform-drop-group-relevant = 已丢弃分组条件 `{ $expression }`：该领域将始终询问
xlsform-drop-or-other = 已丢弃 `{ $name }` 的“其他”选项：只提供列出的选项
xlsform-nested-group = 分组 `{ $name }` 嵌套在 `{ $outer }` 中：其题目归入 `{ $outer }`
xlsform-no-label = `{ $name }` 没有标签：以名称作为题目
xlsform-no-score = 选项列表 `{ $list }` 没有 `score` 列：`{ $name }` 保留为不计分的文本项（为选项填上 0–1 的分值即可成为选择题）
xlsform-few-options = 选项列表 `{ $list }` 少于两个选项：已丢弃 `{ $name }`
xlsform-unknown-list = choices 工作表中没有选项列表 `{ $list }`：已丢弃 `{ $name }`
xlsform-number-no-target = `{ $name }` 没有 `. >= 0 and . <= 4` 这样的简单范围：保留为不计分的文本项
xlsform-strict-bound = `{ $expression }`：严格不等号按包含边界（>= 或 <=）处理
xlsform-bad-range = `{ $name }`：range 参数须为整数 `start=… end=…` 且步长为 1，已丢弃
xlsform-bad-score = 分值 `{ $value }` 不是 0 到 1 之间的数，按 0 处理
xlsform-bad-number = `{ $column }` 的值 `{ $value }` 超出范围，使用默认值
xlsform-bad-flag = `{ $column }` 的值 `{ $value }` 不是 yes 或 no，使用默认值
xlsform-required = `required` 的值 `{ $value }` 不是 yes 或 no：该项为选答
xlsform-empty-group = 分组 `{ $name }` 中已没有题目：已丢弃
xlsx-sheet-templates = 模板
