// tftsr image add|list|annotate|export|delete
#include <iostream>
#include <sstream>

#include "app/cli/cli_support.h"
#include "core/crypto/uuid.h"
#include "core/error.h"

namespace tftsr::cli {

namespace {
nlohmann::json image_json(const ImageAttachment& i) {
  return {{"id", i.id},
          {"issue_id", i.issue_id},
          {"file_name", i.file_name},
          {"file_path", i.file_path},
          {"file_size", i.file_size},
          {"mime_type", i.mime_type},
          {"upload_hash", i.upload_hash},
          {"uploaded_at", i.uploaded_at},
          {"pii_warning_acknowledged", i.pii_warning_acknowledged ? 1 : 0},
          {"is_paste", i.is_paste ? 1 : 0},
          {"width", i.width},
          {"height", i.height}};
}

void print_images(const std::vector<ImageAttachment>& images, bool json) {
  if (json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& i : images) arr.push_back(image_json(i));
    return print_json(arr);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : images)
    rows.push_back({i.id, i.file_name, std::to_string(i.width) + "×" + std::to_string(i.height), i.mime_type,
                    std::to_string(i.file_size), i.pii_warning_acknowledged ? "yes" : "no"});
  print_table({"IMAGE ID", "FILE", "PIXELS", "TYPE", "BYTES", "REVIEWED"}, rows);
}

// "X,Y,W,H" or "X1,Y1,X2,Y2": exactly `count` numbers separated by commas.
std::vector<double> numbers(const std::string& spec, std::size_t count, const char* option) {
  std::vector<double> out;
  std::stringstream in(spec);
  std::string part;
  while (out.size() <= count && std::getline(in, part, ',')) {
    try {
      std::size_t used = 0;
      double v = std::stod(part, &used);
      if (used != part.size()) throw std::invalid_argument(part);
      out.push_back(v);
    } catch (const std::exception&) {
      throw Error(ErrorKind::InvalidInput, std::string(option) + " " + spec + ": \"" + part + "\" is not a number");
    }
  }
  if (out.size() != count)
    throw Error(ErrorKind::InvalidInput, std::string(option) + " " + spec + ": expected " + std::to_string(count) +
                                             " comma-separated numbers");
  return out;
}

Annotation box(AnnotationKind kind, const std::string& spec, const char* option) {
  auto n = numbers(spec, 4, option);
  if (n[2] <= 0 || n[3] <= 0) throw Error(ErrorKind::InvalidInput, std::string(option) + " " + spec + ": width and height must be positive");
  Annotation a;
  a.id = uuid_v7();
  a.kind = kind;
  a.p1 = {n[0], n[1]};
  a.p2 = {n[0] + n[2], n[1] + n[3]};
  a.color = default_color(kind);
  return a;
}
}  // namespace

void register_image_commands(CLI::App& root, CliContext& ctx) {
  auto* image = root.add_subcommand("image", "Attach screenshots to incidents, annotate, redact and export them");
  image->require_subcommand(1);
  {
    auto* cmd = image->add_subcommand("add", "Attach a PNG, JPEG, WebP, GIF or BMP image to an incident");
    auto issue = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    auto ack = std::make_shared<bool>(false);
    cmd->add_option("ISSUE", *issue, "Incident id")->required();
    cmd->add_option("FILE", *file, "Image file")->required();
    cmd->add_flag("--ack-pii", *ack, "Confirm you reviewed the image for personal data (allows sending it later)");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, issue, file, ack] {
      ctx.action = [&ctx, issue, file, ack] {
        auto store = open_store(ctx.options);
        AddedImage added = store->images().add(*issue, *file);
        if (*ack) {
          store->images().acknowledge(added.image.id);
          added.image = store->images().get(added.image.id);
        }
        if (added.duplicate) std::cerr << "this incident already has this image; nothing was added\n";
        if (ctx.options.json) print_json(image_json(added.image));
        else print_images({added.image}, false);
        return kOk;
      };
    });
  }
  {
    auto* cmd = image->add_subcommand("list", "List the images of an incident");
    auto issue = std::make_shared<std::string>();
    cmd->add_option("ISSUE", *issue, "Incident id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, issue] {
      ctx.action = [&ctx, issue] {
        print_images(open_store(ctx.options)->images().list(*issue), ctx.options.json);
        return kOk;
      };
    });
  }
  {
    auto* cmd = image->add_subcommand("annotate", "Add annotations; redaction boxes are burned into every export");
    auto id = std::make_shared<std::string>();
    auto redact = std::make_shared<std::vector<std::string>>();
    auto rect = std::make_shared<std::vector<std::string>>();
    auto arrow = std::make_shared<std::vector<std::string>>();
    auto text = std::make_shared<std::vector<std::string>>();
    cmd->add_option("IMAGE_ID", *id, "Image id")->required();
    cmd->add_option("--redact", *redact, "Opaque box X,Y,W,H (repeatable)");
    cmd->add_option("--rect", *rect, "Outline X,Y,W,H (repeatable)");
    cmd->add_option("--arrow", *arrow, "Arrow X1,Y1,X2,Y2 from tail to head (repeatable)");
    cmd->add_option("--text", *text, "Label X,Y,STRING (repeatable)");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, redact, rect, arrow, text] {
      ctx.action = [&ctx, id, redact, rect, arrow, text] {
        std::vector<Annotation> added;
        for (const auto& s : *redact) added.push_back(box(AnnotationKind::RedactionBox, s, "--redact"));
        for (const auto& s : *rect) added.push_back(box(AnnotationKind::Rectangle, s, "--rect"));
        for (const auto& s : *arrow) {
          auto n = numbers(s, 4, "--arrow");
          Annotation a;
          a.id = uuid_v7();
          a.kind = AnnotationKind::Arrow;
          a.p1 = {n[0], n[1]};
          a.p2 = {n[2], n[3]};
          a.color = default_color(a.kind);
          added.push_back(a);
        }
        for (const auto& s : *text) {
          auto second = s.find(',', s.find(',') + 1);
          if (second == std::string::npos)
            throw Error(ErrorKind::InvalidInput, "--text " + s + ": expected X,Y,STRING");
          auto n = numbers(s.substr(0, second), 2, "--text");
          Annotation a;
          a.id = uuid_v7();
          a.kind = AnnotationKind::TextLabel;
          a.p1 = a.p2 = {n[0], n[1]};
          a.text = s.substr(second + 1);
          a.color = default_color(a.kind);
          added.push_back(a);
        }
        if (added.empty()) throw Error(ErrorKind::InvalidInput, "nothing to add: give --redact, --rect, --arrow or --text");
        auto store = open_store(ctx.options);
        auto all = store->images().annotations(*id);
        all.insert(all.end(), added.begin(), added.end());
        store->images().save_annotations(*id, all);
        if (ctx.options.json) print_json(nlohmann::json::parse(annotations_to_json(all)));
        else std::cout << "added " << added.size() << " annotation(s); the image has " << all.size() << "\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = image->add_subcommand("export", "Write the image as PNG with annotations and redactions burned in");
    auto id = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    cmd->add_option("IMAGE_ID", *id, "Image id")->required();
    cmd->add_option("-o,--output", *out, "Output PNG file")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, out] {
      ctx.action = [&ctx, id, out] {
        auto store = open_store(ctx.options);
        const int bits = store->images().bits_per_channel(*id);
        if (bits > 8)
          std::cerr << "note: this image has " << bits << " bits per channel; the exported PNG has 8 (the stored "
                    << "original keeps its depth)\n";
        store->images().export_png(*id, *out);
        if (ctx.options.json) print_json({{"exported", *id}, {"path", *out}});
        else std::cout << "wrote " << *out << "\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = image->add_subcommand("delete", "Delete an image and its annotations");
    auto id = std::make_shared<std::string>();
    cmd->add_option("IMAGE_ID", *id, "Image id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.action = [&ctx, id] {
        open_store(ctx.options)->images().remove(*id);
        if (ctx.options.json) print_json({{"deleted", *id}});
        else std::cout << "deleted " << *id << "\n";
        return kOk;
      };
    });
  }
}

}  // namespace tftsr::cli
