# 改进闭环：整改措施、豁免、门店与巡检计划。

## 豁免文件与门店文件

error-register-invalid = `{ $path }` 有 { $count } 处错误
register-date = `{ $value }` 不是日期：请写成 TOML 日期，如 2026-11-30（不加引号，不带时间）
register-unknown-template = 在 checklists/ 和内置模板中都找不到模板 `{ $template }`
register-empty = `{ $key }` 不能为空
register-bad-span = `{ $value }` 不是有效的时长：请写成 14d、2w 或 1m 这样的形式
waiver-unknown-item = 模板 `{ $template }` 中没有检查项 `{ $item }`
waiver-unknown-section = 模板 `{ $template }` 中没有板块 `{ $section }`
waiver-item-or-section = 每条豁免必须且只能指定 `item` 或 `section` 之一
waiver-item-or-section-help = 豁免单个检查项请写 `item = "检查项 ID"`，豁免整个板块请写 `section = "板块 ID"`
waiver-expires-before-from = 豁免的到期日 { $expires } 早于生效日 { $from }
waiver-from-here = 生效日在这里
site-duplicate = 门店 `{ $subject }` 重复列出
site-first-here = 第一次列在这里
site-bad-every = `{ $value }` 不是有效的巡检周期
site-every-help = 请写 `every = "14d"`（天）、`"2w"`（周）或 `"1m"`（月），或写 `weekdays = ["mon", "thu"]`
site-bad-weekday = `{ $value }` 不是星期几：请用 mon、tue、wed、thu、fri、sat 或 sun
site-no-weekdays = `weekdays` 里一天也没有
site-every-or-weekdays = 每个巡检计划必须且只能指定 `every` 或 `weekdays` 之一

## actions

actions-skipped = 已跳过 `{ $path }`：{ $reason }
actions-unknown-event = `{ $file }` 指向的整改措施 `{ $action }` 不在任何报告中，已忽略
actions-not-applied = 事件 `{ $event }`（{ $kind }）不适用于整改措施 `{ $action }`（当前状态：{ $status }），已忽略
actions-id = 编号
actions-status = 状态
actions-action = 整改措施
actions-owner = 负责人
actions-due = 截止日期
actions-opened = 提出日期
actions-last-failed = 最近不合格
actions-event = 事件
actions-by = 操作人
actions-note = 备注
actions-source = 来源
action-status-open = 待整改
action-status-overdue = 已逾期
action-status-reopened = 重新打开
action-status-done = 已完成
action-status-verified = 已验证
action-history-opened = 提出
action-history-recurred = 再次不合格
actions-unknown-id = 没有编号为 `{ $id }` 的整改措施；可用 `opscheck actions` 查看全部
actions-unknown-id-nearest = 没有编号为 `{ $id }` 的整改措施；你是不是想输入 `{ $nearest }`？
actions-already-verified = 整改措施 `{ $id }` 已经验证通过；如需重新处理，请先运行 `opscheck actions reopen { $id } --note ...`
actions-not-done = 整改措施 `{ $id }` 当前为 { $status }：只有已完成或已验证的措施才能重新打开
actions-by-required = 是谁完成的？请用 `--by 姓名` 指定，或设置 OPSCHECK_INSPECTOR
actions-marked-done = 整改措施 `{ $id }` 已由 { $by } 标记为完成；下一次巡检该项合格后即视为验证通过
actions-marked-reopened = 整改措施 `{ $id }` 已由 { $by } 重新打开
actions-show-heading = 整改措施 { $id }：{ $text }
    { $subject } · { $template } · { $item }
    状态 { $status } · 负责人 { $owner } · 截止 { $due }

## waivers

waivers-scope = 检查项
waivers-section = 板块
waivers-reason = 理由
waivers-approved-by = 批准人
waivers-from = 生效日
waivers-expires = 到期日
waiver-state-active = 生效中
waiver-state-expiring = 即将到期
waiver-state-expired = 已过期
waiver-state-pending = 尚未生效

## due

due-name = 名称
due-region = 区域
due-cadence = 周期
due-last = 上次巡检
due-next = 下次到期
due-never = 从未巡检
due-overdue = 已逾期 { $days } 天
due-today = 今天到期
due-in = { $days } 天后到期
due-total = 截至 { $today }，{ $count } 项中有 { $late } 项逾期或从未巡检

## run

run-waived = `{ $scope }` 已豁免至 { $expires }：{ $reason }（批准人：{ $approved_by }）；可以照常作答，但不计分
run-waiver-expired = `{ $scope }` 的豁免已于 { $expires } 到期，本次重新计分
run-open-action = { $opened } 提出的整改措施 { $id } 尚未关闭（`{ $item }`）：{ $text }；该项再次不合格时会关联到这条措施

## summary --by region / --by tag

rollup-tag = 标签
rollup-sites = 门店数
rollup-inspected = 已巡检
rollup-passed = 合格
rollup-oldest = 最早计入
rollup-rule = 每个门店取最近一次巡检结果（未巡检的月份沿用上一次）；平均值只按已巡检的门店计算

## validate

validate-register-ok = 通过 `{ $path }`：{ $entries } 条
