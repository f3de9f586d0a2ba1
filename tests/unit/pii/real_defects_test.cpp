// The defect classes found by running the detector on public real-world logs and on the formats
// that secret scanners test: one case per class, with the exact span expected.
#include <doctest/doctest.h>

#include <string>

#include "core/pii/detector.h"
#include "core/pii/redactor.h"

using namespace tftsr::pii;

namespace {

const PiiDetector& detector() {
  static const PiiDetector d;
  return d;
}

std::string found(std::string_view text) {
  std::string out;
  for (const auto& f : detector().scan(text)) {
    out += std::string(pii_type_name(f.type)) + ":" + std::string(text.substr(f.start, f.length())) + ";";
  }
  return out;
}

}  // namespace

TEST_CASE("Slack webhook URLs are covered to the end of the secret path") {
  CHECK(found("notify https://hooks.slack.com/services/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 done") ==
        "SlackWebhook:https://hooks.slack.com/services/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;");
  CHECK(found("url=https://hooks.slack.com/workflows/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") ==
        "SlackWebhook:https://hooks.slack.com/workflows/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;");
  CHECK(found("hooks.slack.com/triggers/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") ==
        "SlackWebhook:hooks.slack.com/triggers/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;");
}

TEST_CASE("command-line credentials") {
  CHECK(found("curl -u alice:s3cr3tPw https://api.example.com/x") ==
        "Username:alice;Password:s3cr3tPw;Hostname:api.example.com;");
  CHECK(found("curl --user deploy:Zq9-xx4 -X POST") == "Username:deploy;Password:Zq9-xx4;");
  CHECK(found("mysql -h db -u root -pS3cretPass shop") == "Username:root;Password:S3cretPass;");
  CHECK(found("mysqldump -uroot -p Kq7#mm2 shop") == "Username:root;Password:Kq7#mm2;");
  CHECK(found("backup.sh --password hunter22 --verbose") == "Password:hunter22;");
  // Not credentials: ports, other commands' flags, flags without values.
  CHECK(found("ssh -p 2222 host") == "");
  CHECK(found("ps -u www-data -o pid") == "");
  CHECK(found("pip install --user requests") == "");
}

TEST_CASE("secret values with '=' or '%', and keys that hold a secret word") {
  CHECK(found("password=x=y3Kq") == "Password:x=y3Kq;");
  CHECK(found("password=%iLAF3*05") == "Password:%iLAF3*05;");
  CHECK(found("password=%s user=%d") == "");
  CHECK(found("appSecretKey=Qm9vb2xlYW4xMjM0NTY") == "GenericSecret:Qm9vb2xlYW4xMjM0NTY;");
  CHECK(found("DB_SECRET_VALUE=a8Kz0pQ7mN2x") == "GenericSecret:a8Kz0pQ7mN2x;");
  CHECK(found("credentials=Zx81kPq0Lm2v creds=Mn41kPq0Lm2v") == "GenericSecret:Zx81kPq0Lm2v;GenericSecret:Mn41kPq0Lm2v;");
  CHECK(found("private_key=k8Jd92hQ0aZm private-key=p0Qm8Zk2Lx7c") == "GenericSecret:k8Jd92hQ0aZm;GenericSecret:p0Qm8Zk2Lx7c;");
  CHECK(found("signing_key=Hs71mQp0Xz93 encryption_key=Ek81mQp0Xz93") ==
        "GenericSecret:Hs71mQp0Xz93;GenericSecret:Ek81mQp0Xz93;");
  CHECK(found("cookie=a81f0c2d9e7b6a5f4c3d session=9f8e7d6c5b4a39281706 pin=4821") ==
        "GenericSecret:a81f0c2d9e7b6a5f4c3d;GenericSecret:9f8e7d6c5b4a39281706;GenericSecret:4821;");
  CHECK(found("auth=Zk3m9Qp0aL7x2Wv5Nc8b") == "GenericSecret:Zk3m9Qp0aL7x2Wv5Nc8b;");
  CHECK(found("dbPassword: Xk2pq9Lm") == "Password:Xk2pq9Lm;");
  // Keys that describe a secret, and states that are no secret.
  CHECK(found("token_type=bearer secret_name=db-credentials max_tokens=4096 password_min_length=12") == "");
  CHECK(found("Session: 30546174_11037638 initialized by client") == "");
  CHECK(found("wtoken = AppWindowToken{9f4ef63 token=Token{a64f992 ActivityRecord{de9231d u0}}}") == "");
  CHECK(found("password=******** secret=${DB_SECRET}") == "");
}

TEST_CASE("vendor tokens stand alone, after a key and as JSON values") {
  const std::string sg = "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";
  CHECK(found("using " + sg + " for mail") == "ApiKey:" + sg + ";");
  CHECK(found("{\"key\": \"" + sg + "\"}") == "ApiKey:" + sg + ";");
  CHECK(found("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 ok") == "ApiKey: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;");
  CHECK(found("npm_Zk3m9Qp0aL7x2Wv5Nc8bR4tY6uI1oP0sD2fG") == "ApiKey:npm_Zk3m9Qp0aL7x2Wv5Nc8bR4tY6uI1oP0sD2fG;");
  CHECK(found("sk_prod_4eC39HqLyjWDarjtT1zdp7dc rk_prod_9xZk2Lm4Np6Qr8St0Uv") ==
        "StripeKey:sk_prod_4eC39HqLyjWDarjtT1zdp7dc;StripeKey:rk_prod_9xZk2Lm4Np6Qr8St0Uv;");
  CHECK(found("glpat-Zk3m9Qp0aL7x2Wv5Nc8bR4tY6uI.01.0k1x9z2p3") ==
        "GitLabToken:glpat-Zk3m9Qp0aL7x2Wv5Nc8bR4tY6uI.01.0k1x9z2p3;");
  CHECK(found("xoxe.xoxp-1-Mi0yLTM0MTQwNDE0MDE3Ni0zNjU5NDY0Njg4") == "SlackToken:xoxe.xoxp-1-Mi0yLTM0MTQwNDE0MDE3Ni0zNjU5NDY0Njg4;");
  CHECK(found("hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") == "");
}

TEST_CASE("IPv4 after ':', '-', '_' and host names that embed an address") {
  CHECK(found("inet addr:192.168.1.5 Bcast") == "Ipv4:192.168.1.5;");
  CHECK(found("udp:10.1.2.3:53") == "Ipv4:10.1.2.3;");
  CHECK(found("host-10.1.2.3 and host_10.1.2.4") == "Ipv4:10.1.2.3;Ipv4:10.1.2.4;");
  CHECK(found("v4(en0:10.105.163.202)") == "Ipv4:10.105.163.202;");
  CHECK(found("BP-1347369012-10.190.173.170-1444972147527") == "Ipv4:10.190.173.170;");
  CHECK(found("resolved ip-10-0-3-17 ok") == "Hostname:ip-10-0-3-17;");
  CHECK(found("from calvisitor-10-105-163-202 now") == "Hostname:calvisitor-10-105-163-202;");
}

TEST_CASE("login names in authentication contexts") {
  CHECK(found("Invalid user webmaster from 173.234.31.186") == "Username:webmaster;Ipv4:173.234.31.186;");
  CHECK(found("session opened for user cyrus by (uid=0)") == "Username:cyrus;");
  CHECK(found("authentication failure; user=root") == "Username:root;");
  CHECK(found("denied for user \"svc_billing\"") == "Username:svc_billing;");
  CHECK(found("login=jdoe username: mtaylor") == "Username:jdoe;Username:mtaylor;");
  CHECK(found("Failed password for invalid user admin from 10.0.0.9 port 22") ==
        "Username:admin;Ipv4:10.0.0.9;");
  CHECK(found("waiting for user input; user_id=1001 uid=0 user=") == "");
}

TEST_CASE("the host field of syslog headers") {
  CHECK(found("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown") == "Hostname:combo;");
  CHECK(found("Dec 10 06:55:46 LabSZ sshd[24200]: Connection closed") == "Hostname:LabSZ;");
  CHECK(found("Nov 9 12:01:01 local@tbird-admin1 crond[2915]: ok") == "Hostname:tbird-admin1;");
  CHECK(found("at Jun 14 15:16:01 2024 the job ran") == "");
}

TEST_CASE("look-alikes from real logs are not reported") {
  CHECK(found("Package_for_KB2919355~31bf3856ad364e35~amd64~~6.3.1.14") == "");
  CHECK(found("version=1.2.8.57 Version: 6.1.1.0") == "");
  CHECK(found("Deleting block blk_-3636681193077858741 file") == "");
  CHECK(found("pkg=com.tencent.mm in com.huawei.health") == "");
  CHECK(found("mapred.task.id is deprecated. Instead, use mapreduce.task.attempt.id") == "");
  CHECK(found("host.name=worker-3") == "Hostname:worker-3;");
}

TEST_CASE("reserved addresses are their own type") {
  CHECK(found("listen 0.0.0.0:80 and 127.0.0.1:8080 mask 255.255.255.0") ==
        "ReservedAddress:0.0.0.0;ReservedAddress:127.0.0.1;ReservedAddress:255.255.255.0;");
  CHECK(found("[::1]:5432 0:0:0:0:0:0:0:1") == "ReservedAddress:::1;ReservedAddress:0:0:0:0:0:0:0:1;");
  CHECK(found("gw 255.255.1.0") == "Ipv4:255.255.1.0;");
  DetectorOptions options;
  options.enabled.reset(static_cast<std::size_t>(PiiType::ReservedAddress));
  const PiiDetector without(options);
  CHECK(without.scan("listen 127.0.0.1:80 peer 10.0.0.1").size() == 1);
}
