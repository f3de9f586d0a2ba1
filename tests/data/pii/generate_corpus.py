#!/usr/bin/env python3
"""Writes the labeled PII quality corpus (corpus/*.log) next to this script.

Every value that must be found is written inline as {{Type:value}}; the quality test strips the
labels and computes the expected byte spans from the stripped text. Everything else on a line is
a look-alike that must NOT be found (timestamps, durations, versions, hashes, UUIDs, ids that
fail Luhn, class and file names...). All values are fake: example.* domains, 555 and drama phone
numbers, published test card numbers, documentation IP ranges, made-up keys.

Deterministic: run it again and the files come out byte-identical.
"""
import base64
import os
import random
import re

R = random.Random(20240301)
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
UPPER_NUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
HEX = "0123456789abcdef"


def rs(n, alphabet=ALNUM):
    return "".join(R.choice(alphabet) for _ in range(n))


def mixed(n):
    # Random text that always holds a digit, an upper- and a lower-case letter.
    while True:
        s = rs(n)
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s


def L(t, v):
    return "{{%s:%s}}" % (t, v)


FIRST = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "oscar",
         "peggy", "rupert", "sybil", "trent", "victor", "walter", "yuki", "zoe", "maria", "jose", "li", "anna"]
LAST = ["smith", "jones", "garcia", "miller", "davis", "martinez", "lopez", "wilson", "anderson", "thomas",
        "moore", "jackson", "martin", "lee", "thompson", "white", "harris", "clark", "lewis", "walker"]
DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com", "corp.example.com", "example.co.uk",
           "shop.example.de", "example.io"]
HOSTS = ["web01.example.com", "db-2.prod.example.net", "api.example.org", "ldap.corp.internal", "build7.lan",
         "printer.home.arpa", "dc01.corp.local", "WEB01.CORP.EXAMPLE.COM", "svc.intranet", "cache.example.io",
         "api.example.co.uk", "mq3.eu-west.example.com", "grafana.ops.example.net", "vault.internal",
         "ci.example.dev", "repo.example.app", "auth.example.cloud", "files.example.fr", "jump01.example.ch",
         "kafka-0.kafka.prod.svc.internal", "mail.example.jp", "sso.example.edu", "nas01.home.arpa",
         "app-7f9c.example.us", "DC02.AD.EXAMPLE.ORG"]


def email():
    f, l = R.choice(FIRST), R.choice(LAST)
    local = R.choice([f"{f}.{l}", f"{f}{R.randint(1, 99)}", f"{f[0]}{l}", f"{f}+alerts", f"{f}_{l}"])
    return L("Email", f"{local}@{R.choice(DOMAINS)}")


def host():
    return L("Hostname", R.choice(HOSTS))


def ipv4():
    a = R.choice([(10, R.randint(0, 255)), (192, 168), (172, R.randint(16, 31)), (192, 0), (198, 51), (203, 0)])
    if a == (192, 0):
        return L("Ipv4", f"192.0.2.{R.randint(1, 254)}")
    if a == (198, 51):
        return L("Ipv4", f"198.51.100.{R.randint(1, 254)}")
    if a == (203, 0):
        return L("Ipv4", f"203.0.113.{R.randint(1, 254)}")
    return L("Ipv4", f"{a[0]}.{a[1]}.{R.randint(0, 255)}.{R.randint(1, 254)}")


def ipv6():
    g = lambda: "%x" % R.randint(1, 0xffff)
    form = R.randint(0, 5)
    if form == 0:
        v = f"2001:db8::{g()}"
    elif form == 1:
        v = f"2001:db8:{g()}:{g()}::{g()}"
    elif form == 2:
        v = "2001:0db8:" + ":".join("%04x" % R.randint(0, 0xffff) for _ in range(6))
    elif form == 3:
        v = f"fe80::{g()}:{g()}%eth{R.randint(0, 3)}"
    elif form == 4:
        v = f"::ffff:192.0.2.{R.randint(1, 254)}"
    else:
        v = f"fd00:{g()}::{g()}:{g()}"
    return L("Ipv6", v)


def mac():
    parts = ["%02x" % R.randint(0, 255) for _ in range(6)]
    sep = R.choice([":", "-"])
    v = sep.join(parts)
    if R.random() < 0.4:
        v = v.upper()
    return L("MacAddress", v)


def ssn():
    while True:
        area = R.randint(1, 899)
        if area != 666:
            break
    return L("Ssn", "%03d-%02d-%04d" % (area, R.randint(1, 99), R.randint(1, 9999)))


CARDS = ["4111111111111111", "4012888888881881", "5555555555554444", "5105105105105100", "378282246310005",
         "371449635398431", "6011111111111117", "6011000990139424", "3530111333300000", "3566002020360505",
         "30569309025904", "38520000023237", "4222222222222", "2223003122003222", "5200828282828210"]


def card():
    n = R.choice(CARDS)
    style = R.randint(0, 2)
    if style == 0 or len(n) not in (15, 16):
        return L("CreditCard", n)
    sep = " " if style == 1 else "-"
    if len(n) == 15:
        return L("CreditCard", sep.join([n[:4], n[4:10], n[10:]]))
    return L("CreditCard", sep.join(n[i:i + 4] for i in range(0, 16, 4)))


def phone():
    d = lambda k: "".join(R.choice("0123456789") for _ in range(k))
    area = R.choice(["555", "212", "415", "312", "617", "206"])
    form = R.randint(0, 7)
    if form == 0:
        v = f"({area}) 555-{d(4)}"
    elif form == 1:
        v = f"{area}-555-{d(4)}"
    elif form == 2:
        v = f"+1 {area} 555 {d(4)}"
    elif form == 3:
        v = f"+1-{area}-555-{d(4)}"
    elif form == 4:
        v = f"+44 20 7946 0{d(3)}"
    elif form == 5:
        v = f"+61 2 5550 {d(4)}"
    elif form == 6:
        v = f"{area}.555.{d(4)}"
    else:
        v = f"+49 30 5550{d(3)}"
    return L("PhoneNumber", v)


def url_creds():
    scheme = R.choice(["https", "postgres", "mysql", "redis", "amqp", "mongodb", "ftp"])
    user = R.choice(["admin", "app", "svc_backup", "deploy", R.choice(FIRST)])
    pw = mixed(R.randint(8, 14))
    h = R.choice(["db.example.com", "10.0.4.7", "mq.example.net", "cache.internal", "ftp.example.org"])
    port = R.choice(["", ":5432", ":3306", ":6379", ":5672", ":27017", ":21"])
    return L("UrlWithCredentials", f"{scheme}://{user}:{pw}@{h}{port}")


def aws():
    return L("AwsAccessKey", R.choice(["AKIA", "ASIA"]) + rs(16, UPPER_NUM))


def github():
    if R.random() < 0.2:
        return L("GitHubToken", "github_pat_11" + rs(20, UPPER_NUM) + "_" + rs(59))
    return L("GitHubToken", R.choice(["ghp_", "gho_", "ghs_"]) + rs(36))


def gitlab():
    return L("GitLabToken", R.choice(["glpat-", "glpat-", "gldt-", "glrt-"]) + rs(20, ALNUM + "_-").strip("-") + "Q")


def slack_token():
    return L("SlackToken", R.choice(["xoxb", "xoxp", "xoxa"]) + f"-{R.randint(10**10, 10**12)}-{R.randint(10**10, 10**12)}-{rs(24)}")


def slack_webhook():
    return L("SlackWebhook", f"https://hooks.slack.com/services/T{rs(8, UPPER_NUM)}/B{rs(8, UPPER_NUM)}/{rs(24)}")


def stripe():
    return L("StripeKey", R.choice(["sk_test_", "sk_live_", "pk_test_", "rk_live_"]) + rs(24))


def openai():
    if R.random() < 0.5:
        return L("OpenAiKey", "sk-proj-" + mixed(48))
    return L("OpenAiKey", "sk-" + mixed(48))


def anthropic():
    return L("AnthropicKey", "sk-ant-api03-" + mixed(80) + "-" + rs(6) + "AA")


def google():
    return L("GoogleApiKey", "AIza" + rs(35, ALNUM + "_-"))


def b64url(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def jwt():
    header = b64url(b'{"alg":"HS256","typ":"JWT"}')
    payload = b64url(('{"sub":"%d","name":"%s","iat":%d}' % (R.randint(1, 99999), R.choice(FIRST), R.randint(1.6e9, 1.8e9))).encode())
    return L("Jwt", f"{header}.{payload}.{b64url(bytes(R.randint(0, 255) for _ in range(32)))}")


def private_key():
    kind = R.choice(["RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED "])
    lines = [base64.b64encode(bytes(R.randint(0, 255) for _ in range(48))).decode() for _ in range(R.randint(3, 8))]
    lines.append(base64.b64encode(bytes(R.randint(0, 255) for _ in range(R.randint(5, 40)))).decode())
    return L("PrivateKey", f"-----BEGIN {kind}PRIVATE KEY-----\n" + "\n".join(lines) + f"\n-----END {kind}PRIVATE KEY-----")


def bearer():
    return L("BearerToken", mixed(R.randint(24, 40)) + R.choice(["", ".", "-"]) + mixed(8))


def basic():
    cred = f"{R.choice(FIRST)}:{mixed(10)}"
    return L("BasicAuth", base64.b64encode(cred.encode()).decode())


def password_value():
    return R.choice([mixed(10), "hunter2", "Tr0ub4dor&3", "correct-horse-9", "P@ssw0rd!", "Winter2024!",
                     "s3cr3t", "changeme123", mixed(14) + "#", "Zx9!kLm2"])


def api_value():
    return mixed(R.randint(24, 40))


def secret_value():
    return mixed(R.randint(16, 40)) + R.choice(["", "-", "_"]) + mixed(6)


# ---- look-alikes ---------------------------------------------------------------------------------

def uuid():
    h = rs(32, HEX)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def bad_luhn_id():
    while True:
        n = "4" + rs(15, "0123456789")
        total = 0
        for i, c in enumerate(reversed(n)):
            v = int(c) * (2 if i % 2 else 1)
            total += v - 9 if v > 9 else v
        if total % 10:
            return n


def ts(i):
    return "2024-03-01T%02d:%02d:%02d.%03dZ" % (i // 3600 % 24, i // 60 % 60, i % 60, R.randint(0, 999))


def syslog_ts(i):
    return "Mar  1 %02d:%02d:%02d" % (i // 3600 % 24, i // 60 % 60, i % 60)


CLASSES = ["org.springframework.web.servlet.DispatcherServlet", "com.example.shop.OrderService",
           "io.netty.channel.DefaultChannelPipeline", "java.net.SocketTimeoutException",
           "org.hibernate.engine.jdbc.spi.SqlExceptionHelper", "com.zaxxer.hikari.pool.HikariPool",
           "System.IO.FileNotFoundException", "Microsoft.AspNetCore.Hosting.Diagnostics",
           "java.lang.NullPointerException", "org.apache.catalina.core.StandardWrapperValve"]
FILES = ["app.log", "main.py", "config.yaml", "OrderService.java", "deploy.sh", "README.md", "lib.rs",
         "libssl.so.3", "nginx.service", "docker.socket", "settings.json", "index.html", "Makefile.am",
         "handlers.pl", "server.cc", "values.tf", "build.ps1", "kubelet.go"]


def lookalike():
    return R.choice([
        f"request {uuid()} took {R.randint(1, 9000)}ms",
        f"build v{R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 50)} sha256:{rs(64, HEX)}",
        f"order id {bad_luhn_id()} queued",
        f"loaded {R.choice(FILES)} in {R.randint(1, 500)}.{R.randint(0, 9)} ms",
        f"at {R.choice(CLASSES)}.invoke({R.choice(['Handler.java', 'Valve.java', 'Pool.java'])}:{R.randint(10, 900)})",
        f"duration=PT{R.randint(1, 59)}M{R.randint(1, 59)}S retries={R.randint(0, 5)} pid={R.randint(100, 60000)}",
        f"version 1.{R.randint(0, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)} installed",
        f"epoch_ms={R.randint(1600000000000, 1800000000000)} seq={R.randint(0, 10**9)}",
        f"git commit {rs(40, HEX)} by ci",
        f"memory 512Mi cpu 250m ratio 0.{R.randint(0, 999)} p99={R.randint(1, 999)}.{R.randint(0, 99)}ms",
        f"std::runtime_error in worker::run at 12:{R.randint(10, 59)}:{R.randint(10, 59)}",
        f"range 999.{R.randint(0, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)} rejected",
        f"password is incorrect for user {R.choice(FIRST)}",
        f"token expired; max_tokens={R.randint(100, 4000)} prompt_tokens: {R.randint(10, 900)}",
        f"session {rs(16, HEX)} ttl {R.randint(60, 3600)}s",
        f"tests pass: {R.randint(1, 400)} fail: 0",
        f"WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"",
        f"checksum md5={rs(32, HEX)} size={R.randint(1000, 10**7)}",
        f"ticket INC{R.randint(1000000, 9999999)} priority P{R.randint(1, 4)}",
        f"date 2024-03-{R.randint(10, 28)} time 10:{R.randint(10, 59)} tz +0000",
    ])


# ---- formats -------------------------------------------------------------------------------------

def syslog(n):
    out = []
    for i in range(n):
        t = syslog_ts(i * 7)
        h = R.choice(["web-01", "bastion", "db-a", "edge3"])
        r = R.random()
        if r < 0.45:
            out.append(f"{t} {h} app[{R.randint(100, 9999)}]: {lookalike()}")
            continue
        out.append(R.choice([
            f"{t} {h} sshd[{R.randint(100, 60000)}]: Accepted publickey for deploy from {ipv4()} port {R.randint(1024, 65535)} ssh2",
            f"{t} {h} sshd[{R.randint(100, 60000)}]: Failed password for invalid user admin from {ipv4()} port {R.randint(1024, 65535)} ssh2",
            f"{t} {h} dhclient[{R.randint(100, 9999)}]: DHCPACK of {ipv4()} from {ipv4()} on eth0 ({mac()})",
            f"{t} {h} kernel: [{R.randint(1, 99999)}.{R.randint(0, 999999):06d}] eth0: link up, address {mac()}",
            f"{t} {h} postfix/smtp[{R.randint(100, 9999)}]: 4F2A1{R.randint(100, 999)}: to=<{email()}>, relay={host()}[{ipv4()}]:25, status=sent",
            f"{t} {h} named[{R.randint(100, 9999)}]: client {ipv6()}#53: query: {host()} IN AAAA",
            f"{t} {h} sudo: deploy : TTY=pts/0 ; PWD=/srv/app ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx.service",
            f"{t} {h} app[{R.randint(100, 9999)}]: support callback requested by {email()} at {phone()}",
            f"{t} {h} cron[{R.randint(100, 9999)}]: (root) CMD (/opt/backup/run.sh --target {url_creds()}/nightly)",
            f"{t} {h} app[{R.randint(100, 9999)}]: db login failed, password={L('Password', password_value())} user=svc",
        ]).replace("{pw}", ""))
    return out


def access(n):
    out = []
    paths = ["/api/v1/orders", "/healthz", "/static/app.js", "/login", "/api/v2/users/me", "/metrics"]
    for i in range(n):
        t = "01/Mar/2024:%02d:%02d:%02d +0000" % (i // 3600 % 24, i // 60 % 60, i % 60)
        ua = R.choice(["curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64) Firefox/123.0", "kube-probe/1.29", "python-requests/2.31.0"])
        r = R.random()
        if r < 0.25:
            out.append(f"{ipv4()} - - [{t}] \"GET {R.choice(paths)} HTTP/1.1\" 200 {R.randint(100, 90000)} \"-\" \"{ua}\" rt=0.{R.randint(1, 999):03d}")
        elif r < 0.35:
            out.append(f"{ipv6()} - - [{t}] \"POST /api/v1/orders HTTP/2.0\" 201 {R.randint(100, 900)} \"-\" \"{ua}\"")
        elif r < 0.45:
            out.append(f"{ipv4()} - - [{t}] \"GET /reset?email={email()}&token={L('GenericSecret', secret_value())} HTTP/1.1\" 302 0 \"https://{host()}/login\" \"{ua}\"")
        elif r < 0.55:
            out.append(f"{ipv4()} - - [{t}] \"GET /v1/search?q=shoes&api_key={L('ApiKey', api_value())} HTTP/1.1\" 200 {R.randint(100, 9000)} \"-\" \"{ua}\"")
        elif r < 0.62:
            out.append(f"[{t}] upstream {host()}:8443 responded 502 in {R.randint(1, 30000)}ms for {ipv4()}")
        elif r < 0.7:
            out.append(f"{ipv4()} - {R.choice(FIRST)} [{t}] \"GET /admin HTTP/1.1\" 401 0 \"-\" \"{ua}\" auth=\"Basic {basic()}\"")
        else:
            out.append(f"10.0.0.{R.randint(1, 254)}".join(["", ""]) if False else f"127.0.0.1 - - [{t}] \"GET {R.choice(paths)} HTTP/1.1\" 200 {R.randint(10, 999)} \"-\" \"{ua}\" {lookalike()}")
    # 127.0.0.1 is an address too: label it where it appears.
    return [line.replace("127.0.0.1 - -", L("Ipv4", "127.0.0.1") + " - -") for line in out]


def json_app(n):
    out = []
    for i in range(n):
        t = ts(i * 3)
        r = R.random()
        if r < 0.35:
            out.append('{"ts":"%s","level":"info","logger":"%s","msg":"%s"}' % (t, R.choice(CLASSES), lookalike()))
            continue
        out.append(R.choice([
            '{"ts":"%s","level":"debug","msg":"outgoing request","url":"https://%s/v1/charge","headers":{"Authorization":"Bearer %s"}}' % (t, host(), bearer()),
            '{"ts":"%s","level":"debug","msg":"config loaded","db":{"user":"app","password":"%s"},"cache_ttl":300}' % (t, L('Password', password_value())),
            '{"ts":"%s","level":"info","msg":"user signed up","email":"%s","phone":"%s","ip":"%s"}' % (t, email(), phone(), ipv4()),
            '{"ts":"%s","level":"warn","msg":"payment failed","card":"%s","ssn_on_file":"%s","customer":"%s"}' % (t, card(), ssn(), email()),
            '{"ts":"%s","level":"debug","msg":"oauth token response","access_token":"%s","refresh_token":"%s","expires_in":3600,"token_type":"Bearer"}' % (t, L('GenericSecret', secret_value()), L("GenericSecret", secret_value())),
            '{"ts":"%s","level":"debug","msg":"session","jwt":"%s"}' % (t, jwt()),
            '{"ts":"%s","level":"error","msg":"provider call failed","provider":"openai","key":"%s","model":"gpt-4o"}' % (t, openai()),
            '{"ts":"%s","level":"error","msg":"provider call failed","provider":"anthropic","x-api-key":"%s"}' % (t, anthropic()),
            '{"ts":"%s","level":"info","msg":"maps request","key":"%s","lat":48.85,"lng":2.35}' % (t, google()),
            '{"ts":"%s","level":"debug","msg":"stripe client","secret":"%s"}' % (t, stripe()),
            '{"ts":"%s","level":"debug","msg":"notify","webhook":"%s"}' % (t, slack_webhook()),
            '{"ts":"%s","level":"debug","msg":"slack client","token":"%s"}' % (t, slack_token()),
            '{"ts":"%s","level":"info","msg":"api client","apiKey":"%s","region":"eu-west-1"}' % (t, L('ApiKey', api_value())),
            '{"ts":"%s","level":"info","msg":"client credentials","client_id":"shop-backend","client_secret":"%s"}' % (t, L('GenericSecret', secret_value())),
            '{"ts":"%s","level":"info","msg":"peer","addr":"%s","mac":"%s"}' % (t, ipv6(), mac()),
        ]))
    return out


def java_trace(n):
    out = []
    while len(out) < n:
        t = "2024-03-01 %02d:%02d:%02d,%03d" % (R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999))
        head = R.choice([
            f"{t} ERROR [http-nio-8080-exec-{R.randint(1, 20)}] o.a.c.c.C.[.[.[/].[dispatcherServlet] - Servlet.service() threw exception",
            f"{t} ERROR [main] com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Exception during pool initialization: jdbc:postgresql://{host()}:5432/shop?user=app&password={password_value()}",
            f"{t} WARN  [scheduler-{R.randint(1, 4)}] com.example.shop.MailService - could not deliver to {email()} via {host()}",
            f"{t} ERROR [grpc-default-executor-{R.randint(0, 9)}] io.grpc.internal.ManagedChannelImpl - connect to {ipv4()}:{R.randint(1024, 65535)} failed",
            f"{t} INFO  [main] o.s.b.w.embedded.tomcat.TomcatWebServer - Tomcat started on port(s): 8080 (http) with context path ''",
        ])
        head = head.replace("password=" + head.split("password=")[-1], "password=" + L("Password", head.split("password=")[-1])) if "password=" in head else head
        out.append(head)
        exc = R.choice(CLASSES[3:4] + CLASSES[8:9] + ["java.sql.SQLException", "org.springframework.dao.DataAccessResourceFailureException"])
        out.append(f"{exc}: {R.choice(['Connection refused', 'Read timed out after 30000 ms', 'null', 'could not open ' + R.choice(FILES)])}")
        for _ in range(R.randint(3, 7)):
            cls = R.choice(CLASSES)
            out.append(f"\tat {cls}.{R.choice(['invoke', 'doFilter', 'run', 'call', 'lambda$0'])}({cls.split('.')[-1]}.java:{R.randint(10, 2000)})")
        out.append(f"\t... {R.randint(5, 90)} common frames omitted")
    return out


CODE_LINES = ["resp = session.post(url, json=payload, timeout=30)", "return func(*args, **kwargs)",
              "raise ConnectionError(e, request=request)", 'token = os.environ["API_TOKEN"]']


def python_trace(n):
    out = []
    while len(out) < n:
        t = "2024-03-01 %02d:%02d:%02d,%03d" % (R.randint(0, 23), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999))
        out.append(R.choice([
            f"{t} ERROR worker Task tasks.sync_user[{uuid()}] raised unexpected: ConnectionError",
            f"{t} ERROR app Exception on /api/users [POST] (user {email()}, phone {phone()})",
            f"{t} ERROR boto3 request failed for key {aws()} in us-east-1",
            f"{t} WARNING urllib3 Retrying (Retry(total=2)) after connection broken by 'NewConnectionError' to {host()}",
        ]))
        out.append("Traceback (most recent call last):")
        for _ in range(R.randint(2, 4)):
            f = R.choice(["/srv/app/handlers/orders.py", "/usr/lib/python3/dist-packages/requests/sessions.py", "/srv/app/main.py", "/srv/app/utils/crypto.py"])
            out.append(f"  File \"{f}\", line {R.randint(5, 900)}, in {R.choice(['handle', 'send', 'request', '_run', 'wrapper'])}")
            out.append("    " + R.choice(CODE_LINES))
        out.append(R.choice([
            f"requests.exceptions.ConnectionError: HTTPSConnectionPool(host='{host()}', port=443): Max retries exceeded",
            f"KeyError: 'user_id' (payload={{'email': '{email()}', 'ssn': '{ssn()}'}})",
            f"psycopg2.OperationalError: could not connect to server at {ipv4()}: password authentication failed",
            f"ValueError: invalid literal for int() with base 10: '3.14.15'",
            f"github.GithubException: 401 Bad credentials for token {github()}",
            f"gitlab.exceptions.GitlabAuthenticationError: 401: invalid token {gitlab()}",
        ]))
    return out


def k8s(n):
    out = []
    for i in range(n):
        t = "2024-03-01T%02d:%02d:%02dZ" % (i // 3600 % 24, i // 60 % 60, i % 60)
        pod = f"api-{rs(10, 'bcdfghjklmnpqrstvwxz2456789')}-{rs(5, 'bcdfghjklmnpqrstvwxz2456789')}"
        r = R.random()
        if r < 0.4:
            out.append(R.choice([
                f"{t}   Normal   Scheduled   pod/{pod}   Successfully assigned shop/{pod} to node-{R.randint(1, 9)}",
                f"{t}   Normal   Pulled      pod/{pod}   Container image \"registry.example.com/shop/api:1.{R.randint(0, 9)}.{R.randint(0, 9)}\" already present on machine",
                f"{t}   Warning  BackOff     pod/{pod}   Back-off restarting failed container api in pod {pod}_shop({uuid()})",
                f"{t}   Warning  FailedMount pod/{pod}   MountVolume.SetUp failed for volume \"creds\" : secret \"db-creds\" not found",
                f"{t}   Normal   Killing     pod/{pod}   Stopping container api (exit code 137, OOMKilled, limit 512Mi)",
            ]).replace("registry.example.com", L("Hostname", "registry.example.com")))
            continue
        out.append(R.choice([
            f"{t}   Normal   Scheduled   pod/{pod}   Successfully assigned shop/{pod} to {host()} ({ipv4()})",
            f"{t}   Warning  Unhealthy   pod/{pod}   Readiness probe failed: Get \"http://{ipv4()}:8080/healthz\": dial tcp {ipv4()}:8080: connect: connection refused",
            f"{t}   Warning  Failed      pod/{pod}   Error: env DB_PASSWORD={password_value()} rejected by admission webhook",
            f"{t}   Normal   Created     pod/{pod}   Created container api with env AWS_ACCESS_KEY_ID={aws()}",
            f"{t}   Warning  Failed      pod/{pod}   Failed to pull image: unauthorized: registry token {gitlab()} expired",
            f"{t}   Normal   Sync        ingress/shop   Scheduled for sync, host {host()} address {ipv6()}",
            f"{t}   Warning  Webhook     pod/{pod}   POST {slack_webhook()} returned 404",
        ]).replace("DB_PASSWORD=" , "DB_PASSWORD=").replace("DB_PASSWORD=" + "", "DB_PASSWORD="))
    # Wrap raw password values written above.
    fixed = []
    for line in out:
        if "DB_PASSWORD=" in line:
            before, after = line.split("DB_PASSWORD=", 1)
            value, rest = after.split(" ", 1)
            line = before + "DB_PASSWORD=" + L("Password", value) + " " + rest
        fixed.append(line)
    return fixed


def windows(n):
    out = []
    for i in range(n):
        t = "3/1/2024 %d:%02d:%02d PM" % (R.randint(1, 12), R.randint(0, 59), R.randint(0, 59))
        r = R.random()
        if r < 0.35:
            out.append(R.choice([
                f"{t} Information Service Control Manager 7036 The Windows Update service entered the running state.",
                f"{t} Information Microsoft-Windows-Kernel-General 1 The system time has changed to 2024-03-01T{R.randint(10, 23)}:00:00.500000000Z.",
                f"{t} Warning Microsoft-Windows-DistributedCOM 10016 CLSID {{{uuid().upper()}}} APPID {{{uuid().upper()}}} SID S-1-5-21-{R.randint(10**9, 4 * 10**9)}-{R.randint(10**9, 4 * 10**9)}-{R.randint(10**7, 10**8)}-{R.randint(1000, 9999)}",
                f"{t} Error Application Error 1000 Faulting application name: app.exe, version: 10.0.19041.{R.randint(1000, 4000)}, module kernelbase.dll offset 0x{rs(16, HEX)}",
            ]))
            continue
        out.append(R.choice([
            f"{t} Information Microsoft-Windows-Security-Auditing 4624 An account was successfully logged on. Account Name: {R.choice(FIRST)} Account Domain: CORP Workstation Name: {host()} Source Network Address: {ipv4()} Source Port: {R.randint(1024, 65535)} Logon Type: 3",
            f"{t} Information Microsoft-Windows-Security-Auditing 4625 An account failed to log on. Account Name: {email()} Source Network Address: {ipv6()} Failure Reason: Unknown user name or bad password.",
            f"{t} Information Microsoft-Windows-DHCP-Client 50067 The DHCP lease for adapter {mac()} with address {ipv4()} was renewed.",
            f"{t} Warning Microsoft-Windows-Time-Service 129 NtpClient was unable to set a domain peer {host()} ({ipv4()})",
            f"{t} Information MsiInstaller 11707 Product: Agent -- Installation completed successfully. Contact {email()} or {phone()}.",
            f"{t} Error Service Control Manager 7038 The svc_backup service was unable to log on as CORP\\svc_backup with the password Password: {L('Password', password_value())}",
        ]))
    return out


def journald(n):
    out = []
    for i in range(n):
        t = "Mar 01 %02d:%02d:%02d" % (i // 3600 % 24, i // 60 % 60, i % 60)
        h = "node-" + str(R.randint(1, 9))
        r = R.random()
        if r < 0.4:
            out.append(R.choice([
                f"{t} {h} systemd[1]: Started nginx.service - A high performance web server and a reverse proxy server.",
                f"{t} {h} systemd[1]: docker.socket: Succeeded.",
                f"{t} {h} kernel: EXT4-fs (sda{R.randint(1, 4)}): mounted filesystem with ordered data mode. Opts: (null)",
                f"{t} {h} containerd[{R.randint(100, 9999)}]: time=\"{ts(i)}\" level=info msg=\"loading plugin io.containerd.snapshotter.v1.overlayfs\"",
                f"{t} {h} app[{R.randint(100, 9999)}]: {lookalike()}",
            ]))
            continue
        out.append(R.choice([
            f"{t} {h} app[{R.randint(100, 9999)}]: env dump: DATABASE_URL={url_creds()}/app REDIS_HOST={host()}",
            f"{t} {h} app[{R.randint(100, 9999)}]: loaded secrets: GITHUB_TOKEN={github()} STRIPE_KEY={stripe()} CI_JOB_TOKEN={gitlab()}",
            f"{t} {h} app[{R.randint(100, 9999)}]: git clone https://{github()}@{L('Hostname', 'github.com')}/example/shop.git failed",
            f"{t} {h} billing[{R.randint(100, 9999)}]: retry charge card {card()} for {email()} (attempt {R.randint(2, 5)})",
            f"{t} {h} app[{R.randint(100, 9999)}]: curl -H 'Authorization: Bearer {bearer()}' https://{host()}/api",
            f"{t} {h} app[{R.randint(100, 9999)}]: slack notifier using {slack_token()} channel #ops",
            f"{t} {h} app[{R.randint(100, 9999)}]: the admin password is {L('Password', password_value())}",
            f"{t} {h} app[{R.randint(100, 9999)}]: onboarding: pw: {L('Password', password_value())} (please change)",
            f"{t} {h} app[{R.randint(100, 9999)}]: client_secret: {L('GenericSecret', secret_value())} audience=api",
            f"{t} {h} app[{R.randint(100, 9999)}]: X-API-Key: {L('ApiKey', api_value())}",
            f"{t} {h} app[{R.randint(100, 9999)}]: OPENAI_API_KEY={openai()} ANTHROPIC_API_KEY={anthropic()}",
            f"{t} {h} app[{R.randint(100, 9999)}]: GOOGLE_MAPS_KEY={google()} AWS_SECRET_ACCESS_KEY={L('GenericSecret', secret_value())}",
            f"{t} {h} app[{R.randint(100, 9999)}]: wrote key for deploy:\n{private_key()}",
            f"{t} {h} vault[{R.randint(100, 9999)}]: secret/data/tls read by {email()}, value follows\n{private_key()}\n(end of value)",
            f"{t} {h} app[{R.randint(100, 9999)}]: session cookie {jwt()} for {email()}",
            f"{t} {h} app[{R.randint(100, 9999)}]: proxy auth header Proxy-Authorization: Basic {basic()}",
            f"{t} {h} networkd[{R.randint(100, 9999)}]: eth0: DHCPv6 address {ipv6()}/64, gateway {ipv6()}",
        ]))
    return out


LABEL = re.compile(r"\{\{[A-Za-z]+:.*?\}\}", re.S)
SYSLOG_HOST = re.compile(r"^([A-Z][a-z]{2} [ 0-9]?[0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} )([A-Za-z0-9._-]+)( [A-Za-z/_-])")
LOGIN_CONTEXTS = [
    re.compile(r"(?<=\binvalid user )([A-Za-z0-9._-]+)"),
    re.compile(r"(?<=\bfor user )([A-Za-z0-9._-]+)"),
    re.compile(r"(?<=\bUSER=)([A-Za-z0-9._-]+)"),
    re.compile(r"(?<=\buser=)([A-Za-z0-9._-]+)"),
    re.compile(r'(?<="user":")([A-Za-z0-9._-]+)'),
    re.compile(r"(?<=\bAccepted publickey for )(?!invalid )([A-Za-z0-9._-]+)"),
    re.compile(r"(?<=\bAccepted password for )(?!invalid )([A-Za-z0-9._-]+)"),
    re.compile(r"(?<=\bFailed password for )(?!invalid )([A-Za-z0-9._-]+)"),
]
RESERVED = re.compile(r"\{\{(?:Ipv4|Ipv6):(127\.[0-9.]+|0\.0\.0\.0|::1|255\.255\.[0-9.]+)\}\}")


def label_outside_labels(line, pattern, type_name):
    """Labels every match of pattern's group 1 that is not already inside a label."""
    taken = [(m.start(), m.end()) for m in LABEL.finditer(line)]
    out, pos = [], 0
    for m in pattern.finditer(line):
        a, b = m.span(1)
        if any(s <= a < e for s, e in taken):
            continue
        out.append(line[pos:a] + L(type_name, m.group(1)))
        pos = b
    return "".join(out) + line[pos:]


def label_added_types(lines):
    """Types added after the first corpus: the syslog host field, login names in their
    contexts, and reserved addresses (loopback, unspecified, netmasks)."""
    out = []
    for line in lines:
        line = SYSLOG_HOST.sub(lambda m: m.group(1) + L("Hostname", m.group(2)) + m.group(3), line)
        for pattern in LOGIN_CONTEXTS:
            line = label_outside_labels(line, pattern, "Username")
        line = RESERVED.sub(lambda m: L("ReservedAddress", m.group(1)), line)
        out.append(line)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = os.path.join(here, "corpus")
    os.makedirs(out_dir, exist_ok=True)
    files = {
        "syslog.log": syslog(260),
        "nginx_access.log": access(220),
        "app_json.log": json_app(420),
        "java_trace.log": java_trace(260),
        "python_trace.log": python_trace(330),
        "k8s_events.log": k8s(220),
        "windows_events.log": windows(200),
        "journald.log": journald(420),
    }
    for name, lines in files.items():
        lines = label_added_types("\n".join(lines).split("\n"))
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
