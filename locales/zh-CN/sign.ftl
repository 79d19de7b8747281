# 签名（第 16 号议题）：`sign`、`verify --allowed-signers`、`summary --signed`。

signers-no-principal = 这一行没有写签名人
signers-bad-key = 无法读取密钥（{ $reason }）；格式为 `签名人 [namespaces="opscheck"] ssh-ed25519 AAAA…`
signers-cert-authority = 不支持 `cert-authority` 行：请直接列出签名人自己的密钥
signers-bad-option = 未知选项 `{ $option }`；可用的有 namespaces="…"、valid-after=…、valid-before=…
signers-bad-time = `{ $value }` 不是有效时间：请写成 YYYYMMDD、YYYYMMDDHHMM 或 YYYYMMDDHHMMSS，UTC 时间末尾加 Z
signers-invalid = 签名人文件 `{ $path }` 中有 { $count } 行无法读取，未做任何核验

sign-failed = 无法为 `{ $path }` 签名：{ $reason }
sign-key-not-in-agent = `{ $key }` 是公钥，而 ssh-agent 中没有对应的私钥：请先用 `ssh-add` 添加，或直接指定私钥文件
sign-key-unreadable = `{ $key }` 不是 OpenSSH 密钥（{ $reason }）；PEM 或 PKCS#8 格式的密钥可以用 `ssh-keygen -p -f KEY` 转换
sign-passphrase = 请输入 { $key } 的口令：
sign-passphrase-line-mode = `{ $key }` 设有口令，只能在终端中输入：请把密钥加入 ssh-agent（`ssh-add { $key }`），或在终端中签名
sign-passphrase-none = 未输入 `{ $key }` 的口令，没有签名任何报告
sign-passphrase-wrong = `{ $key }` 的口令不正确，没有签名任何报告
sign-tampered = `{ $path }` 写出后被改动过（摘要与内容不符），不予签名
sign-exists = `{ $path }` 已存在；签名不会被覆盖（如需重新签名，请先删除它）
sign-reviewer-is-inspector = `{ $path }` 的检查人签名用的就是这把密钥：复核人须用自己的密钥签名

verify-signed = 已签名      { $path }：{ $role ->
    [reviewer] 复核人
   *[inspector] 检查人
} { $principal }（密钥 { $fingerprint }）
verify-unsigned = 未签名      { $path }：没有签名文件（`{ $sig }`）
verify-bad-signature = 签名无效    { $path }
verify-principal-differs = `{ $path }` 的签名人是 `{ $principal }`，但报告中的检查人是 `{ $inspector }`
verify-reviewer-is-inspector = `{ $path }` 的复核签名用的是检查人自己的密钥
verify-sig-edited = 报告在签名后被改动：`{ $sig }` 与报告不符，报告摘要也对不上
verify-sig-swapped = `{ $sig }` 是 `{ $other }` 的签名，不是这份报告的
verify-sig-mismatch = `{ $sig }` 与报告内容不符：要么报告在签名后被改动（且重新计算了摘要），要么这是别的文件的签名
verify-sig-unknown-key = `{ $sig }` 本身有效，但其密钥 { $fingerprint } 不在 `{ $signers }` 中
verify-sig-other-namespace = 在 `{ $signers }` 中，`{ $principal }` 的密钥 { $fingerprint } 未获准用于 `opscheck` 命名空间
verify-sig-not-valid-now = 在 `{ $signers }` 中，`{ $principal }` 的密钥 { $fingerprint } 不在 valid-after/valid-before 规定的有效期内
verify-sig-damaged = `{ $sig }` 不是 SSH 签名（{ $reason }）
verify-sig-wrong-namespace = `{ $sig }` 是为 `{ $namespace }` 做的签名，不是 opscheck 的（签名时请用 `-n opscheck`）
verify-sig-unreadable = 无法读取 `{ $sig }`（{ $reason }）
verify-sig-symlink = `{ $sig }` 是符号链接；签名必须是报告旁边的普通文件

# 证据：附在回答上的文件。

evidence-unreadable = 无法读取 `{ $path }`（{ $reason }）
evidence-too-big = `{ $path }` 超过 { $limit } MiB，单个证据文件不能更大
evidence-report-full = 加上 `{ $path }`，这份报告的证据将超过 { $limit } MiB 的上限
evidence-write = 无法把证据保存到 `{ $path }`（{ $reason }）
evidence-dir-symlink = `{ $path }` 是符号链接或不是文件夹；证据绝不会经由符号链接写入
answers-evidence-list = `evidence` 应为文件路径列表，路径相对于回答文件
answers-evidence = 无法把这个文件附到 `{ $item }`
verify-evidence = 已篡改      { $path }：证据 `{ $file }`（`{ $name }`，检查项 `{ $item }`）
verify-evidence-path = 其路径不是 `evidence/` 加上它自己的 SHA-256
verify-evidence-missing = 已丢失
verify-evidence-changed = 已被改动：SHA-256 或大小与报告记录不符
verify-evidence-symlink = 是符号链接，而不是保存的文件
evidence-attached = 已把 `{ $name }`（{ $media_type }，{ $size } 字节）附到 `{ $item }`
evidence-not-offered = 此处不能附加文件
evidence-prompt = 附加文件：
evidence-no-path = 未输入文件，未附加任何内容
key-file = 附加文件
md-signed = { $role ->
    [reviewer] 复核签名
   *[inspector] 检查人签名
}
