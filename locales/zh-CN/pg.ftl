# 团队存储（PostgreSQL）：push、db、summary --db。
db-bad-url = 无法解析数据库地址：{ $reason }；请写成 `postgresql://用户@主机:端口/数据库` 或 `host=主机 user=用户 dbname=数据库`
db-tls-mode = `sslmode={ $mode }` 不是有效的 TLS 模式：可用 disable、prefer、require、verify-ca 或 verify-full
db-tls-no-ca = `sslmode={ $mode }` 需要 CA 证书：请在地址中加上 `sslrootcert=CA.pem`，或设置 PGSSLROOTCERT
db-tls-ca = 无法使用 CA 证书 `{ $path }`：{ $reason }
db-tls-failed = 与 { $server } 的 TLS 连接失败：{ $reason }
db-unreachable = 连不上 { $server } 的数据库服务器：{ $reason }；请确认服务器已启动、主机和端口无误。本次没有做任何改动，服务器恢复后再运行一次即可
db-auth-failed = { $server } 的数据库服务器拒绝了用户 `{ $user }`：请检查密码（地址、PGPASSWORD 或 ~/.pgpass 中）以及该用户是否允许连接
db-no-database = { $server } 上没有数据库 `{ $database }`：请先创建（`createdb { $database }`），再运行 `opscheck db migrate`
db-not-allowed = 用户 `{ $user }` 在 { $server } 上没有这项权限：上传需要 opscheck_inspector 角色，读取需要 opscheck_manager 角色（见 `opscheck db roles`）
db-server-said = 服务器返回：{ $reason }
db-connection-lost = 与 { $server } 的连接中断了（服务器已停止或重启）
db-failed = { $server } 的数据库服务器出错
db-schema-newer = { $server } 上的存储结构版本为 { $version }，比当前 opscheck 支持的版本（{ $supported }）更新：请升级 opscheck
db-schema-older = { $server } 上的存储结构版本为 { $version }，当前 opscheck 需要版本 { $supported }：请运行 `opscheck db migrate`
db-up-to-date = { $server } 上的存储已是最新（结构版本 { $version }）
db-migrated = 已在 { $server } 上执行 { $migrations }（结构版本 { $version }）
db-roles-created = 已就绪两个角色：opscheck_inspector（只能上传）和 opscheck_manager（只能读取）；请把它们授予登录角色，例如 `GRANT opscheck_inspector TO ann`
push-refused = 已拒收 `{ $path }`
push-tampered = 摘要与内容不符（写入后被改动过）
push-no-digest = 没有摘要：只能上传由 `opscheck run` 生成的报告
push-unknown-fields = 含有 `opscheck run` 不会写入的字段
push-inconsistent = 得分与答案对不上
push-again = 上传中断：此前已存入 { $pushed } 份报告，另有 { $present } 份早已存在；进行中的这一批已回滚，请再上传一次以存入其余报告
push-summary = 已上传 { $pushed } 份，已存在 { $present } 份，拒收 { $refused } 份（另存入 { $files } 个其他文件），服务器 { $server }
summary-db-signed = 团队库不保存签名：`--signed` 和 `--reviewed` 请对报告文件运行
dash-from-store = 团队库（{ $server }）
push-progress-unit = 份报告
