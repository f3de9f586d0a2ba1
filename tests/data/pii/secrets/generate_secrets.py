#!/usr/bin/env python3
"""Writes secret_formats.log and near_misses.log next to this script.

secret_formats.log: one random value per format (see README.md for where each format is defined),
each placed three ways: after a key, bare in a sentence, and as a JSON value. Values are random,
generated here; none is copied from any project's test data.
near_misses.log: values that look like secrets and are not (git SHAs, UUIDs, hashes, base64
blobs, class names, versions, placeholders); none of them may be reported.

Deterministic: run it again and the files come out byte-identical.
"""
import base64
import os
import random

R = random.Random(20260301)
LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = LOWER.upper()
DIGITS = "0123456789"
ALNUM = UPPER + LOWER + DIGITS
HEX = "0123456789abcdef"
B64URL = ALNUM + "-_"


def rs(n, alphabet=ALNUM):
    while True:
        s = "".join(R.choice(alphabet) for _ in range(n))
        # Real tokens are random: make sure each has letters and digits where the alphabet has both.
        if (set(alphabet) & set(DIGITS)) and not any(c.isdigit() for c in s) and n > 8:
            continue
        return s


def b64(nbytes):
    return base64.b64encode(bytes(R.randrange(256) for _ in range(nbytes))).decode()


def jwt():
    head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    body = base64.urlsafe_b64encode(('{"sub":"%s","iat":%d}' % (rs(10, DIGITS), R.randrange(1600000000, 1800000000))).encode()).decode().rstrip("=")
    return f"{head}.{body}.{rs(43, B64URL)}"


def pem():
    lines = [b64(48) for _ in range(6)]
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----"


# (type, format name, key used in the key=value and JSON placements, value factory)
FORMATS = [
    ("AwsAccessKey", "AWS access key id", "aws_access_key_id", lambda: "AKIA" + rs(16, UPPER + DIGITS)),
    ("AwsAccessKey", "AWS temporary access key id", "aws_access_key_id", lambda: "ASIA" + rs(16, UPPER + DIGITS)),
    ("GitHubToken", "GitHub personal access token", "github_token", lambda: "ghp_" + rs(36)),
    ("GitHubToken", "GitHub OAuth token", "github_token", lambda: "gho_" + rs(36)),
    ("GitHubToken", "GitHub app installation token", "github_token", lambda: "ghs_" + rs(36)),
    ("GitHubToken", "GitHub fine-grained token", "github_token", lambda: "github_pat_" + rs(22) + "_" + rs(59)),
    ("GitLabToken", "GitLab personal access token", "gitlab_token", lambda: "glpat-" + rs(20, ALNUM + "-_")),
    ("GitLabToken", "GitLab routable token", "gitlab_token", lambda: "glpat-" + rs(27, ALNUM + "-_") + ".01." + rs(9, LOWER + DIGITS)),
    ("GitLabToken", "GitLab pipeline trigger token", "trigger_token", lambda: "glptt-" + rs(40, HEX)),
    ("GitLabToken", "GitLab runner token", "runner_token", lambda: "glrt-" + rs(20, ALNUM + "-_")),
    ("GitLabToken", "GitLab deploy token", "deploy_token", lambda: "gldt-" + rs(20, ALNUM)),
    ("SlackToken", "Slack bot token", "slack_token", lambda: "xoxb-" + rs(12, DIGITS) + "-" + rs(13, DIGITS) + "-" + rs(24)),
    ("SlackToken", "Slack user token", "slack_token", lambda: "xoxp-" + "-".join(rs(12, DIGITS) for _ in range(3)) + "-" + rs(32, HEX)),
    ("SlackToken", "Slack configuration token", "slack_config_token", lambda: "xoxe.xoxp-1-" + rs(163)),
    ("SlackToken", "Slack configuration refresh token", "slack_refresh_token", lambda: "xoxe-1-" + rs(146)),
    ("SlackToken", "Slack app-level token", "slack_app_token", lambda: "xapp-1-A" + rs(10, UPPER + DIGITS) + "-" + rs(13, DIGITS) + "-" + rs(64, HEX)),
    ("SlackWebhook", "Slack incoming webhook", "webhook_url",
     lambda: "https://hooks.slack.com/services/T" + rs(10, UPPER + DIGITS) + "/B" + rs(10, UPPER + DIGITS) + "/" + rs(24)),
    ("SlackWebhook", "Slack workflow webhook", "webhook_url",
     lambda: "https://hooks.slack.com/workflows/T" + rs(10, UPPER + DIGITS) + "/A" + rs(10, UPPER + DIGITS) + "/" + rs(18, DIGITS) + "/" + rs(24)),
    ("SlackWebhook", "Slack trigger webhook", "webhook_url",
     lambda: "https://hooks.slack.com/triggers/T" + rs(10, UPPER + DIGITS) + "/" + rs(13, DIGITS) + "/" + rs(32, HEX)),
    ("StripeKey", "Stripe live secret key", "stripe_key", lambda: "sk_live_" + rs(24)),
    ("StripeKey", "Stripe test secret key", "stripe_key", lambda: "sk_test_" + rs(24)),
    ("StripeKey", "Stripe prod secret key", "stripe_key", lambda: "sk_prod_" + rs(24)),
    ("StripeKey", "Stripe restricted key", "stripe_key", lambda: "rk_prod_" + rs(24)),
    ("StripeKey", "Stripe webhook signing secret", "stripe_webhook_secret", lambda: "whsec_" + rs(32)),
    ("OpenAiKey", "OpenAI project key", "openai_api_key", lambda: "sk-proj-" + rs(64, ALNUM + "-_")),
    ("OpenAiKey", "OpenAI legacy key", "openai_api_key", lambda: "sk-" + rs(20) + "T3BlbkFJ" + rs(20)),
    ("AnthropicKey", "Anthropic API key", "anthropic_api_key", lambda: "sk-ant-api03-" + rs(93, ALNUM + "-_") + "AA"),
    ("GoogleApiKey", "Google API key", "google_api_key", lambda: "AIza" + rs(35, ALNUM + "-_")),
    ("Jwt", "JSON Web Token", "id_token", jwt),
    ("ApiKey", "SendGrid API key", "sendgrid_api_key", lambda: "SG." + rs(22, ALNUM + "-_") + "." + rs(43, ALNUM + "-_")),
    ("ApiKey", "Hugging Face access token", "hf_token", lambda: "hf_" + rs(34, UPPER + LOWER)),
    ("ApiKey", "Hugging Face organization token", "hf_org_token", lambda: "api_org_" + rs(34, UPPER + LOWER)),
    ("ApiKey", "PyPI upload token", "pypi_token", lambda: "pypi-AgEIcHlwaS5vcmc" + rs(70, ALNUM + "-_")),
    ("ApiKey", "npm access token", "npm_token", lambda: "npm_" + rs(36)),
    ("ApiKey", "Shopify access token", "shopify_token", lambda: "shpat_" + rs(32, HEX)),
    ("ApiKey", "DigitalOcean personal access token", "do_token", lambda: "dop_v1_" + rs(64, HEX)),
    ("ApiKey", "Doppler service token", "doppler_token", lambda: "dp.st." + rs(43)),
    ("ApiKey", "Linear API key", "linear_api_key", lambda: "lin_api_" + rs(40)),
    ("ApiKey", "Postman API key", "postman_api_key", lambda: "PMAK-" + rs(24, HEX) + "-" + rs(34, HEX)),
    ("ApiKey", "Databricks token", "databricks_token", lambda: "dapi" + rs(32, HEX)),
    ("ApiKey", "Twilio API key", "twilio_api_key", lambda: "SK" + rs(32, HEX)),
    ("ApiKey", "Grafana service account token", "grafana_token", lambda: "glsa_" + rs(32) + "_" + rs(8, HEX)),
    ("ApiKey", "HashiCorp Vault service token", "vault_token", lambda: "hvs." + rs(95, ALNUM + "-_")),
    ("ApiKey", "New Relic user API key", "newrelic_api_key", lambda: "NRAK-" + rs(27, UPPER + DIGITS)),
    ("ApiKey", "Brevo (Sendinblue) API key", "brevo_api_key", lambda: "xkeysib-" + rs(64, HEX) + "-" + rs(16)),
    ("GenericSecret", "age secret key", "age_key", lambda: "AGE-SECRET-KEY-1" + rs(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L")),
    ("PrivateKey", "PEM private key", "private_key", pem),
]

SENTENCES = [
    "2026-03-01T10:%02d:%02dZ INFO deploy: using %s for the release job",
    "2026-03-01T10:%02d:%02dZ WARN found %s in the build output, rotate it",
    "2026-03-01T10:%02d:%02dZ DEBUG client configured with %s (from vault)",
]


def placements(type_name, key, value, i):
    label = "{{%s:%s}}" % (type_name, value)
    m, s = divmod(i, 60)
    yield f"2026-03-01T10:{m % 60:02d}:{s:02d}Z INFO config {key}={label} loaded"
    yield R.choice(SENTENCES) % (m % 60, s, label)
    # In JSON a PEM block's line breaks are written as \n.
    escaped = "{{%s:%s}}" % (type_name, value.replace("\n", "\\n"))
    yield '{"ts":"2026-03-01T10:%02d:%02dZ","%s":"%s"}' % (m % 60, s, key, escaped)


def near_misses():
    out = []
    for _ in range(20):
        out += [
            f"commit {rs(40, HEX)} merged into main",
            f"request_id={rs(8, HEX)}-{rs(4, HEX)}-4{rs(3, HEX)}-a{rs(3, HEX)}-{rs(12, HEX)} status=200",
            f"sha256:{rs(64, HEX)} pulled in 2.3s",
            f"md5sum {rs(32, HEX)}  backup.tar.gz",
            f"etag \"{rs(32, HEX)}\" cache hit",
            f"payload {b64(R.randrange(24, 60))} ({R.randrange(100, 900)} bytes)",
            f"at com.example.{R.choice(['billing', 'auth', 'orders'])}.{R.choice(['TokenService', 'SecretStore', 'PasswordEncoder'])}.{R.choice(['load', 'verify', 'rotate'])}(TokenService.java:{R.randrange(10, 400)})",
            f"upgraded openssl {R.randrange(1, 4)}.{R.randrange(0, 10)}.{R.randrange(0, 20)} -> {R.randrange(1, 4)}.{R.randrange(0, 10)}.{R.randrange(0, 20)}",
            f"version={R.randrange(1, 9)}.{R.randrange(0, 30)}.{R.randrange(0, 99)}.{R.randrange(0, 999)} build {R.randrange(1000, 9999)}",
        ]
    out += [
        "password=******** user login retried",
        "DB_PASSWORD=${DB_SECRET} exported",
        "api_key=<redacted> in request",
        "token: null after logout",
        "secret=%s formatted later",
        "password: [hidden] (masked by agent)",
        "client_secret=${CLIENT_SECRET:-} is empty",
        "AWS_SECRET_ACCESS_KEY=$(cat /run/secrets/aws) set",
        "password=xxxxxxxx placeholder in sample config",
        "token_type=bearer expires_in=3600",
        "max_tokens=4096 temperature=0.2",
        "secret_name=db-credentials namespace=shop",
        "passwordless=true for service accounts",
        "password_min_length=12 password_history=5",
        "Token{a64f992 ActivityRecord{de9231d u0 com.example/.Main t7}}",
        "sk_live_ keys are rotated every 90 days",
        "ghp_ prefix means a classic personal access token",
        "xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx (placeholder)",
        "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx example token",
        "AKIAXXXXXXXXXXXXXXXX is the documented placeholder",
        "password is incorrect",
        "token expired, refreshing",
        "secret rotation scheduled",
    ]
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    lines = []
    i = 0
    for type_name, _, key, factory in FORMATS:
        for _ in range(3):  # three values per format, each placed three ways
            for line in placements(type_name, key, factory(), i):
                lines.append(line)
                i += 1
    with open(os.path.join(here, "secret_formats.log"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(here, "near_misses.log"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(near_misses()) + "\n")


if __name__ == "__main__":
    main()
