#include <doctest/doctest.h>

#include "core/integrations/confluence_storage.h"

using tftsr::integrations::markdown_to_confluence_storage;

TEST_CASE("Markdown becomes Confluence storage XHTML") {
  const std::string out = markdown_to_confluence_storage(
      "# Root cause\n\nThe **pool** was *full* and `max=10`.\n\n- one\n- two\n  1. nested\n\n"
      "| Step | Owner |\n|---|---|\n| fix | ops |\n\n[runbook](https://wiki.example/run?a=1&b=2)\n\n---\n");
  CHECK(out.find("<h1>Root cause</h1>") != std::string::npos);
  CHECK(out.find("<p>The <strong>pool</strong> was <em>full</em> and <code>max=10</code>.</p>") != std::string::npos);
  CHECK(out.find("<ul><li>one</li><li>two<ol><li>nested</li></ol></li></ul>") != std::string::npos);
  CHECK(out.find("<table><tbody><tr><th>Step</th><th>Owner</th></tr><tr><td>fix</td><td>ops</td></tr></tbody></table>") !=
        std::string::npos);
  CHECK(out.find("<a href=\"https://wiki.example/run?a=1&amp;b=2\">runbook</a>") != std::string::npos);
  CHECK(out.find("<hr />") != std::string::npos);
}

TEST_CASE("code blocks become the code macro and survive a CDATA end inside") {
  const std::string out = markdown_to_confluence_storage("```sql\nSELECT 1; -- ]]> <b>\n```\n");
  CHECK(out ==
        "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">sql</ac:parameter>"
        "<ac:plain-text-body><![CDATA[SELECT 1; -- ]]]]><![CDATA[> <b>]]></ac:plain-text-body></ac:structured-macro>");
}

TEST_CASE("markup in the text stays text") {
  const std::string out = markdown_to_confluence_storage("db_pool <script>alert(1)</script> & \"x\" &copy; &amp;");
  CHECK(out.find("<script>") == std::string::npos);
  CHECK(out.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &amp;copy; &amp;") != std::string::npos);
}
