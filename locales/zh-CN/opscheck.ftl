# opscheck —— 简体中文界面文本。
# 键名与英文目录一一对应；参数写作 { $参数 }。

## 通用

detail-separator = {"："}
list-separator = {"，"}
diagnostic-error = 错误
diagnostic-warning = 警告
diagnostic-help = 提示
result-pass = 通过
result-fail = 未通过
result-no-score = 无得分
severity-critical = 关键项
severity-failed = 不合格
severity-minor = 轻微
priority-high = 高
priority-medium = 中
priority-low = 低
answer-na = 不适用
answer-skipped = 已跳过
col-template = 模板
col-subject = 检查对象
col-inspector = 检查人
col-date = 日期
col-area = 领域
col-percent = 得分率
col-answered = 已答
col-na = 不适用
col-failed = 不合格
col-item = 检查项
col-answer = 回答
col-score = 得分

## 命令终止时的错误

error-read = 无法读取 `{ $path }`
error-write = 无法写入 `{ $path }`
error-not-found = `{ $path }` 不存在
error-bad-now = `{ $variable }` 应为 RFC 3339 格式的时间，例如 `2026-11-29T10:00:00+08:00`，而不是 `{ $value }`：{ $reason }
error-unreadable = 有 { $count } 个路径无法读取
error-template-not-found = 找不到模板 `{ $name }`：它既不是文件，也不在 `checklists/` 中，也不是内置模板
error-template-invalid = 模板 `{ $origin }` 有 { $count } 处错误；运行 `opscheck validate { $origin }` 查看全部
error-answers-invalid = 答案文件 `{ $path }` 有 { $count } 处错误
error-draft = 无法继续草稿 `{ $path }`
draft-in-use = 另一个 opscheck 进程正在使用它
journal-empty = 文件为空
journal-no-header = 第一行不是 opscheck 记录文件的文件头
journal-format = 格式为 `{ $format }`，当前版本的 opscheck 无法读取
journal-damaged = 第 { $line } 行已损坏（{ $reason }）
journal-io = { $reason }

## 模板问题（validate）

toml-error = TOML 格式错误：{ $detail }
check-unknown-key = 未知的键 `{ $key }`
check-did-you-mean = 是不是想写 `{ $key }`？
check-expected-keys = 可用的键：{ $keys }
check-array-of-tables = `{ $key }` 必须是表数组
check-array-of-tables-help = 每一项都写在 `[[{ $key }]]` 标题下
check-entry-table = `{ $key }` 的每一项都必须是表
check-no-sections = 模板中没有任何检查领域
check-no-sections-help = 至少添加一个 `[[sections]]` 表，并在其下添加 `[[sections.items]]`
check-missing = { $what ->
    [template] 模板
    [section] 检查领域
   *[item] 检查项
}缺少 `{ $key }`
check-missing-help = 添加 `{ $key } = { $example }`
check-format = 不支持的模板格式 { $format }
check-format-help = 当前 opscheck 读取 `format = { $format }`；更新版本的 opscheck 也许能读取此文件
check-language = `{ $language }` 不是有效的语言标签
check-language-help = 请使用 BCP 47 标签，例如 `en`、`zh-CN` 或 `de-AT`
check-id = `{ $id }` 不是有效的 id
check-id-label = id 只能包含小写字母、数字和 `-`，并以字母或数字开头
check-empty = `{ $key }` 为空
check-range = { $key } 的值 { $value } 超出范围 { $range }
check-write-as = 写法示例：`{ $example }`
check-band-fields = 评级档位必须同时包含 `min` 和 `label`
check-band-order = 评级档位必须按 `min` 严格从高到低排列
check-band-order-label = { $min } 不低于上一档的 { $previous }
check-band-zero = 没有从 0 开始的档位，得分过低时将没有评级
check-band-zero-help = 在最后添加一档 `{"{"} min = 0, label = "不合格" {"}"}`
check-duplicate-section = 检查领域 id `{ $id }` 重复
check-duplicate-item = 检查项 id `{ $id }` 重复
check-duplicate-item-help = 检查项 id 在整个模板中必须唯一
check-used-again = 此处重复使用
check-first-used = 首次使用处
check-empty-section = 检查领域 `{ $id }` 下没有检查项
check-empty-section-help = 在该领域后添加 `[[sections.items]]` 表，或删除该领域
check-weight = 权重 { $value } 必须是大于 0 的有限数
check-no-kind = 检查项缺少 `kind`
check-no-kind-help = 添加 `kind = "yes_no"`（或 scale、choice、number、text、date）
check-no-guidance = 检查项 `{ $id }` 没有检查指引
check-no-guidance-help = 添加 `guidance = "…"`：说明要看什么，检查人按 `?` 时显示
check-critical-na = 关键项 `{ $id }` 允许回答“不适用”
check-critical-na-help = 回答“不适用”时它永远不会判为不合格；若该项始终适用，请添加 `na = false`
check-not-for-kind = `{ $key }` 不适用于 { $kind } 类型的检查项
check-not-for-kind-help = 删除它，或修改 `kind`
check-scale-bounds = 评分题需要 `min` 和 `max`
check-scale-bounds-help = 添加 `min = 1` 和 `max = 5`
check-scale-order = 评分下限 { $min } 不小于上限 { $max }
check-max = 上限
check-scale-wide = 从 { $min } 到 { $max } 的评分范围过宽
check-scale-wide-help = 评分最多 { $count } 个取值；范围更大时请改用数值题
check-scale-labels = 从 { $min } 到 { $max } 的评分需要 { $expected } 个标签，实际有 { $found } 个
check-scale-labels-help = 每个取值对应一个标签，或删除 `labels`
check-no-options = 选择题需要 `options`
check-no-options-help = 添加 `options = [{"{"} label = "是", score = 1.0 {"}"}, {"{"} label = "否", score = 0.0 {"}"}]`
check-few-options = 选择题至少需要 2 个选项，实际有 { $found } 个
check-option-fields = 选项必须同时包含 `label` 和 `score`
check-duplicate-option = 选项标签 `{ $label }` 重复
check-no-target = 数值题需要 `target`
check-no-target-help = 添加 `target = {"{"} min = 0, max = 4 {"}"}`；上下限可以只写一个
check-target-finite = 目标 { $key } 必须是有限数
check-target-bounds = 数值目标至少需要 `min` 或 `max` 之一
check-target-order = 目标下限 { $min } 大于上限 { $max }
check-when-fields = `when` 必须同时包含 `item` 和 `is`
check-when-later = `when` 引用的 `{ $item }` 不在当前检查项之前
check-when-unknown = `when` 引用了不存在的检查项 `{ $item }`
check-when-unknown-help = 请引用模板中排在前面的检查项
check-when-kind = `when` 只能引用是非题或选择题；`{ $item }` 是 { $kind } 类型
check-when-value = `{ $item }` 不可能得到回答 `{ $value }`
check-when-value-help = 可用的回答：{ $values }
check-not-utf8 = 文件不是有效的 UTF-8 编码
check-not-utf8-help = 请将模板另存为 UTF-8 编码
validate-summary = 已检查 { $files } 个文件：{ $valid } 个有效，{ $invalid } 个无效（{ $errors } 个错误，{ $warnings } 个警告）

## 回答

answer-na-not-allowed = 此项不允许回答“不适用”：请回答 y 或 n
answer-yes-no = 请回答 y（是）或 n（否）{ $na ->
    [yes] ，或 na（不适用）
   *[no] {""}
}
answer-scale = 请输入 { $min } 到 { $max } 之间的整数{ $na ->
    [yes] ，或 na（不适用）
   *[no] {""}
}
answer-choice = 请输入选项编号（1 到 { $count }）或完整的选项文字{ $na ->
    [yes] ，或 na（不适用）
   *[no] {""}
}
answer-number = 请输入数字，例如 12 或 3.5{ $na ->
    [yes] ，或 na（不适用）
   *[no] {""}
}
answer-date = 请按 YYYY-MM-DD 格式输入日期{ $na ->
    [yes] ，或 na（不适用）
   *[no] {""}
}
answer-empty = 回答为空
answer-priority = `{ $value }` 不是有效的优先级：请使用 高、中、低（或 high、medium、low）
answer-due = `{ $value }` 不是有效的截止日期：请使用 YYYY-MM-DD、+7d 或 +2w
answers-under-table = 所有回答都应写在 `[answers]` 下
answers-not-table = `answers` 必须是表
answers-unknown-item = 不存在的检查项 `{ $item }`
answers-unknown-item-help = `opscheck show { $template }` 可列出所有检查项 id
answers-answer-keys = 回答可包含 `answer`、`note`、`action` 和 `evidence`
answers-no-answer = `{ $item }` 缺少 `answer`
answers-answer-type = 回答必须是字符串、数字、布尔值或日期
answers-invalid = `{ $item }` 的回答无效
answers-action-table = `action` 必须是表
answers-action-keys = 整改措施可包含 `text`、`owner`、`due` 和 `priority`
answers-action-text = 整改措施需要 `text`：写明要做什么
answers-string = `{ $key }` 必须是字符串

## 检查过程（两种模式）

prompt-current = （当前回答：{ $answer }）
prompt-not-utf8 = 这一行不是有效的 UTF-8 文本，请重新输入
prompt-no-guidance = 此项没有检查指引
prompt-first-item = 已经是第一项
prompt-required = 此项必须回答；输入 ? 查看检查指引
prompt-number = 数值
prompt-text = 文本
prompt-target = 目标 { $range }
prompt-enter-skips = 直接回车跳过
run-no-draft = `{ $out }` 下没有模板 `{ $template }` 可继续的草稿；`opscheck drafts --out { $out }` 可列出所有草稿
run-no-draft-subject = `{ $out }` 下没有模板 `{ $template }`、检查对象 `{ $subject }` 可继续的草稿；`opscheck drafts --out { $out }` 可列出所有草稿
run-template-changed = 该草稿开始时使用的是另一个版本的 `{ $template }`（sha256 { $sha256 }…）；请恢复该版本模板后再继续
run-resuming = 继续 `{ $path }`：已保存 { $count } 个回答
run-ask = { $what ->
    [subject] 检查对象（门店、团队、站点）：
   *[inspector] 检查人：
}
run-flag-required = 通过管道输入回答时必须提供{ $what ->
    [subject] 检查对象
   *[inspector] 检查人
}：请添加 `--{ $what } …`
run-flag-empty = { $what ->
    [subject] 检查对象
   *[inspector] 检查人
}不能为空
run-input-ended = 输入在最后一项之前结束
run-interrupted = 已中断
run-progress-saved = 进度已保存在 `{ $path }`
run-resume-with = 继续检查：{ $command }
run-verdict = { $result ->
    [pass] 通过
    [fail] 未通过
   *[other] { $result }
}：{ $percent }%（{ $rating }），{ $findings } 个问题，其中关键项 { $critical } 个
run-no-score = 没有可计分的回答

## 终端模式

term-note-prompt = 备注：
term-note-label = 备注：
term-action-label = 整改措施：
term-answer-first = 请先回答此项
term-required = 此项为必答项，不能跳过
term-press-key = 请按下方列出的按键
term-typed-help = 回车确认 · `回答 # 备注` 可附加备注 · Esc 返回上一项 · Ctrl-C 保存并退出
term-typed-help-optional = 留空跳过 · `回答 # 备注` 可附加备注 · Esc 返回上一项 · Ctrl-C 保存并退出
term-edit-help = 回车保存 · Esc 取消
term-action-what = 需要采取什么措施？
term-action-owner = 负责人：
term-action-due = 截止日期：
term-action-priority = 优先级：
term-pass-mark = 合格线 { $mark }%
term-failed-count = { $failed } 项不合格，其中关键项 { $critical } 项
term-more = ……另有 { $count } 项，详见报告
term-critical = 关键项
term-optional = 选答
term-weight = 权重 { $weight }
term-current = 当前回答：
term-enter-keeps = （回车保留）
term-sign-off = 签字确认：
term-sign-off-help = 回车签字并生成报告 · Esc 返回结果页
key-yes = 是
key-no = 否
key-score = 评分
key-option = 选项
key-na = 不适用
key-skip = 跳过
key-guidance = 指引
key-note = 备注
key-back = 返回
key-quit = 保存退出

## Markdown 报告

md-result = 结论
md-points = 得分
md-points-of = { $points } / { $max }
md-critical-failed = 不合格的关键项：{ $items }
md-areas = 各领域得分
md-findings = 发现的问题
md-no-findings = 没有发现问题：所有计分项均得满分。
md-answer-score = 回答：{ $answer }（得分 { $score }）
md-note = 备注
md-action = 整改措施
md-owner = 负责人 { $owner }
md-due = 截止 { $due }
md-priority = 优先级{ $priority }
md-answers = 全部回答

## 其他命令

drafts-none = `{ $out }` 下没有未完成的检查
drafts-started = 开始时间
drafts-answered = 已答
drafts-file = 草稿文件
drafts-unreadable = 无法读取
drafts-continue = 继续某次检查：opscheck run --subject 检查对象 --out { $out } --resume
show-scoring = 合格线 { $mark }% · 单项合格分 { $item_pass } · { $bands }
show-counts = { $sections } 个领域，{ $items } 个检查项 · sha256 { $sha256 }
show-scale = 评分 { $min }–{ $max }
show-choice = { $count } 个选项
show-when = 当 { $item } = { $value } 时
report-foreign = 它不是 opscheck 报告
report-newer = 它是 `{ $format }` 格式的报告，比当前 opscheck 支持的格式更新；请升级 opscheck
report-damaged = 文件已损坏或不完整（{ $reason }）
html-findings = { $count } 个问题
csv-severity = 严重程度
csv-owner = 负责人
csv-due = 截止日期
csv-priority = 优先级
verify-unknown-item = 模板中没有检查项 `{ $item }`
verify-bad-answer = `{ $item }` 的回答 `{ $answer }` 不是模板允许的回答
verify-differs = { $what }：报告记录为 { $stated }，按回答计算应为 { $computed }
verify-findings = 问题清单与回答不符
error-report = 无法读取报告 `{ $path }`
diff-usage = 请给出两份报告，或使用 `--history 目录 --subject 检查对象`
diff-templates = 两份报告使用的模板不同（`{ $old }` 和 `{ $new }`）；请比较同一检查表的检查
diff-overall = 总分
diff-change = 变化
diff-new = 新增问题
diff-fixed = 已整改
diff-recurring = 重复出现
diff-findings = 问题数
diff-no-reports = `{ $dir }` 下没有 `{ $subject }` 的报告
diff-inspections = 共 { $count } 次检查
diff-consecutive = 连续次数
diff-total = 累计
diff-open-findings = 最近一次检查的问题（持续最久的在前）：
summary-skipped = 已跳过 `{ $path }`
explain-overall = { $result }：{ $percent }%（合格线 { $mark }%）
explain-below = 总得分率 { $percent }% 低于合格线 { $mark }%
explain-critical = 关键项不合格：{ $item }
explain-passed = 所有关键项均合格，且得分率达到合格线 { $mark }%
explain-what-if = 如果只整改一个问题（该项取最佳回答）：
explain-gain = 提升
explain-percent-if-fixed = 得分率
explain-result-if-fixed = 结论
explain-contributions = 各计分项对总得分率的贡献：
explain-points = 贡献分
explain-of = 满分
explain-sum = 各项贡献之和为 { $total }%，即总得分率。
verify-tampered = 已篡改      { $path }：摘要与内容不符
verify-inconsistent = 不一致      { $path }：得分与回答不符
verify-ok = 通过        { $path }：摘要和得分均已核验
verify-digest-only = 通过（摘要） { $path }：未找到 sha256 相同的模板 `{ $template }`，未重新计算得分
summary-versions = 提示：模板 `{ $template }` 有多个版本（{ $versions }），已合并统计
summary-totals = 共 { $count } 次检查，平均得分率 { $mean }%，通过率 { $pass_rate }
summary-result = 结论
summary-rating = 评级
summary-critical = 关键项
summary-mean = 平均 %
summary-min = 最低 %
summary-max = 最高 %
summary-below = 低于合格线
summary-reports = 报告数
summary-latest-date = 最近日期
summary-latest = 最近 %
summary-count = 次数
summary-month = 月份
summary-pass-rate = 通过率
summary-failed-count = 不合格次数
summary-share = 占比
summary-latest-note = 最近备注
summary-overdue = 逾期
summary-days = { $days } 天
summary-overdue-total = 截至 { $today }，{ $count } 项整改措施中有 { $overdue } 项逾期
summary-empty = 没有符合条件的报告（共查看 { $files } 个文件）
summary-bad-glob = `{ $glob }` 不是有效的匹配模式：{ $reason }
new-bad-id = `{ $id }` 不是有效的模板 id：只能使用小写字母、数字和 `-`，例如 `store-audit`
new-written = 已写入 `{ $path }`；可用 `opscheck validate { $path }` 检查
new-title = 新建检查表
new-header = opscheck 模板起步文件：修改文字、添加自己的检查项，然后运行
    `opscheck validate` 检查。字段说明见 README；支持上方 `#:schema` 行的编辑器
   （taplo、Even Better TOML）可自动补全和校验字段。
new-scoring = 得分率达到 pass_mark 且没有关键项不合格即为通过；
    单项得分低于 item_pass（0 到 1）即为不合格；bands 为评级档位，从高到低排列。
new-section = 每个 [[sections]] 是一个检查领域；weight（默认 1）是它在总分中的权重。
new-item = 每个 [[sections.items]] 是一道检查题：kind 可为 yes_no、scale、choice、number、
    text 或 date。guidance 在按 `?` 时显示；critical = true 表示该项不合格则整次检查不通过；
    na = false 表示不允许回答“不适用”；required = false 表示可以跳过。
list-id = Id
list-title = 名称
list-language = 语言
list-items = 检查项
list-version = 版本
list-path = 路径
list-invalid = （无效：请运行 opscheck validate）
validate-ok = 通过 `{ $path }`：{ $sections } 个领域，{ $items } 个检查项
diff-other-templates = 提示：另有 { $count } 份报告使用其他模板，未计入；此历史按最近一次检查的模板 `{ $template }` 统计
run-already-reported = 该检查的报告已生成：`{ $path }`；草稿已删除
