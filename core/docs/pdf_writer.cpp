#include "core/docs/pdf_writer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/docs/markdown_blocks.h"
#include "core/error.h"

namespace tftsr::docs {

namespace {
// A4 in points; the layout works in points (pango at 72 dpi).
constexpr double kPageW = 595.276, kPageH = 841.890;
constexpr double kMarginX = 56.7;
constexpr double kTop = 66, kBottom = kPageH - 58;
constexpr double kContentW = kPageW - 2 * kMarginX;
constexpr double kPS = PANGO_SCALE;
constexpr const char* kSans = "DejaVu Sans,Noto Sans CJK SC,Noto Sans CJK JP,Noto Sans CJK KR";
constexpr const char* kMono = "DejaVu Sans Mono,Noto Sans Mono CJK SC,Noto Sans CJK SC";
constexpr double kListIndent = 18, kQuoteIndent = 14, kCellPad = 4;

struct Rgb {
  double r = 0.11, g = 0.11, b = 0.12;
};
constexpr Rgb kText{}, kHeading{0.10, 0.22, 0.45}, kGrey{0.42, 0.44, 0.48};
constexpr Rgb kCodeBg{0.945, 0.953, 0.965}, kHeaderBg{0.90, 0.92, 0.95}, kBorder{0.55, 0.58, 0.63};

using LayoutPtr = std::shared_ptr<PangoLayout>;
using LinePtr = std::shared_ptr<PangoLayoutLine>;
using SurfacePtr = std::shared_ptr<cairo_surface_t>;

struct Op {
  enum class Kind { Line, Fill, Stroke, Link, Image } kind = Kind::Line;
  LayoutPtr layout;  // keeps the line's layout alive
  LinePtr line;
  double x = 0, y = 0, w = 0, h = 0;  // Line: x and baseline; others: a rectangle (Stroke with w or h 0: a line)
  Rgb color;
  std::string uri;
  SurfacePtr image;
  double scale = 1;
};
using Page = std::vector<Op>;

// One line of a layout, measured.
struct LineBox {
  LinePtr line;
  double x = 0;       // of the line inside its layout (alignment)
  double ascent = 0;  // top of the line to its baseline
  double height = 0;
  int start = 0, length = 0;  // bytes of the layout text
};

std::vector<LineBox> measure_lines(PangoLayout* l, double factor) {
  std::vector<LineBox> out;
  PangoLayoutIter* it = pango_layout_get_iter(l);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
    LineBox b;
    b.line = LinePtr(pango_layout_line_ref(line), pango_layout_line_unref);
    b.x = logical.x / kPS;
    double natural = logical.height / kPS;
    b.height = natural * factor;
    b.ascent = (pango_layout_iter_get_baseline(it) - logical.y) / kPS + (b.height - natural) / 2;
    b.start = line->start_index;
    b.length = line->length;
    out.push_back(std::move(b));
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return out;
}

std::string link_attributes(double x, double y, double w, double h, const std::string& uri) {
  std::string escaped;
  for (char c : uri) {
    if (c == '\'' || c == '\\') escaped += '\\';
    escaped += c;
  }
  char rect[160];
  std::snprintf(rect, sizeof rect, "rect=[%.2f %.2f %.2f %.2f] ", x, y, w, h);
  return rect + std::string("uri='") + escaped + "'";
}

class PageLayout {
 public:
  explicit PageLayout(PangoContext* ctx) : ctx_(ctx) { new_page(); }

  std::vector<Page> pages;

  void block(const MarkdownBlock& b) {
    using K = MarkdownBlock::Kind;
    double indent = b.quote_depth * kQuoteIndent;
    if (b.kind == K::ListItem || (b.kind != K::Heading && b.level > 0)) indent += b.level * kListIndent;
    quote_depth_ = b.quote_depth;
    switch (b.kind) {
      case K::Heading: heading(b); break;
      case K::Paragraph: paragraph(b.text, indent, 10, 0, nullptr); y_ += 6; break;
      case K::ListItem: {
        LayoutPtr marker = b.marker.empty() ? nullptr : make_layout(StyledText{b.marker, {}}, kSans, 10, -1, 0);
        paragraph(b.text, indent, 10, 0, marker.get() ? &marker : nullptr);
        y_ += 3;
        break;
      }
      case K::Code: code(b.text.text, indent); break;
      case K::Table: table(b.table, indent); break;
      case K::Rule:
        ensure(14);
        stroke(kMarginX, y_ + 7, kContentW, 0, kBorder);
        y_ += 14;
        break;
    }
  }

  void images(const std::vector<EmbeddedImage>& list) {
    if (list.empty()) return;
    MarkdownBlock h;
    h.kind = MarkdownBlock::Kind::Heading;
    h.level = 2;
    h.text.text = "Images";
    heading(h);
    for (const auto& im : list) {
      SurfacePtr s = png_surface(im.png);
      if (!s) continue;
      double w = cairo_image_surface_get_width(s.get()), hgt = cairo_image_surface_get_height(s.get());
      double scale = std::min({1.0, kContentW / w, (kBottom - kTop - 40) / hgt});
      ensure(hgt * scale + 24);
      Op op;
      op.kind = Op::Kind::Image;
      op.image = s;
      op.x = kMarginX;
      op.y = y_;
      op.scale = scale;
      page().push_back(op);
      stroke_rect(kMarginX, y_, w * scale, hgt * scale, kBorder);
      y_ += hgt * scale + 4;
      paragraph(StyledText{im.file_name, {{0, im.file_name.size(), kItalic, {}}}}, 0, 9, 0, nullptr, kGrey);
      y_ += 10;
    }
  }

 private:
  PangoContext* ctx_;
  double y_ = kTop;
  int quote_depth_ = 0;

  Page& page() { return pages.back(); }
  void new_page() {
    pages.emplace_back();
    y_ = kTop;
  }
  bool at_top() const { return y_ <= kTop + 0.01; }
  void ensure(double h) {
    if (y_ + h > kBottom && !at_top()) new_page();
  }

  void fill(double x, double y, double w, double h, Rgb c) {
    Op op;
    op.kind = Op::Kind::Fill;
    op.x = x, op.y = y, op.w = w, op.h = h, op.color = c;
    page().push_back(std::move(op));
  }
  void stroke(double x, double y, double w, double h, Rgb c) {
    Op op;
    op.kind = Op::Kind::Stroke;
    op.x = x, op.y = y, op.w = w, op.h = h, op.color = c;
    page().push_back(std::move(op));
  }
  void stroke_rect(double x, double y, double w, double h, Rgb c) {
    stroke(x, y, w, 0, c);
    stroke(x, y + h, w, 0, c);
    stroke(x, y, 0, h, c);
    stroke(x + w, y, 0, h, c);
  }

  LayoutPtr make_layout(const StyledText& t, const char* family, double size, double width, unsigned base_style) {
    LayoutPtr l(pango_layout_new(ctx_), g_object_unref);
    PangoFontDescription* fd = pango_font_description_from_string(family);
    pango_font_description_set_size(fd, static_cast<int>(size * kPS));
    if (base_style & kBold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l.get(), fd);
    pango_font_description_free(fd);
    if (width > 0) pango_layout_set_width(l.get(), static_cast<int>(width * kPS));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(l.get(), t.text.data(), static_cast<int>(t.text.size()));
    if (!t.runs.empty()) {
      PangoAttrList* attrs = pango_attr_list_new();
      auto add = [&](PangoAttribute* a, const StyledRun& r) {
        a->start_index = static_cast<guint>(r.start);
        a->end_index = static_cast<guint>(r.end);
        pango_attr_list_insert(attrs, a);
      };
      for (const auto& r : t.runs) {
        if (r.style & kBold) add(pango_attr_weight_new(PANGO_WEIGHT_BOLD), r);
        if (r.style & kItalic) add(pango_attr_style_new(PANGO_STYLE_ITALIC), r);
        if (r.style & kStrike) add(pango_attr_strikethrough_new(TRUE), r);
        if (r.style & kCode) {
          add(pango_attr_family_new(kMono), r);
          add(pango_attr_background_new(0xEE00, 0xF000, 0xF300), r);
        }
        if (!r.link.empty()) {
          add(pango_attr_foreground_new(0x1F00, 0x5F00, 0xBF00), r);
          add(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), r);
        }
      }
      pango_layout_set_attributes(l.get(), attrs);
      pango_attr_list_unref(attrs);
    }
    return l;
  }

  void quote_bars(double y, double h) {
    for (int d = 0; d < quote_depth_; ++d) fill(kMarginX + d * kQuoteIndent + 2, y, 2.5, h, kBorder);
  }

  void line_op(const LayoutPtr& l, const LineBox& b, double x, double top, Rgb color) {
    Op op;
    op.kind = Op::Kind::Line;
    op.layout = l;
    op.line = b.line;
    op.x = x + b.x;
    op.y = top + b.ascent;
    op.color = color;
    page().push_back(std::move(op));
  }

  void link_ops(const StyledText& t, const LineBox& b, double x, double top) {
    for (const auto& r : t.runs) {
      if (r.link.empty()) continue;
      int s = std::max<int>(static_cast<int>(r.start), b.start), e = std::min<int>(static_cast<int>(r.end), b.start + b.length);
      if (s >= e) continue;
      int* ranges = nullptr;
      int n = 0;
      pango_layout_line_get_x_ranges(b.line.get(), s, e, &ranges, &n);
      for (int i = 0; i < n; ++i) {
        Op op;
        op.kind = Op::Kind::Link;
        op.x = x + ranges[2 * i] / kPS;
        op.y = top;
        op.w = (ranges[2 * i + 1] - ranges[2 * i]) / kPS;
        op.h = b.height;
        op.uri = r.link;
        if (op.w > 0) page().push_back(std::move(op));
      }
      g_free(ranges);
    }
  }

  // Wrapped text at x = margin + indent, line by line so it continues on the next page.
  void paragraph(const StyledText& t, double indent, double size, unsigned base_style, const LayoutPtr* marker,
                 Rgb color = kText) {
    const double x = kMarginX + indent;
    LayoutPtr l = make_layout(t, kSans, size, kContentW - indent, base_style);
    auto lines = measure_lines(l.get(), 1.25);
    bool first = true;
    for (const auto& b : lines) {
      if (y_ + b.height > kBottom) new_page();
      if (first && marker) {
        auto mlines = measure_lines(marker->get(), 1.25);
        PangoRectangle ink, logical;
        pango_layout_get_extents(marker->get(), &ink, &logical);
        line_op(*marker, mlines.front(), x - logical.width / kPS - 5, y_ + b.ascent - mlines.front().ascent, color);
      }
      first = false;
      quote_bars(y_, b.height);
      line_op(l, b, x, y_, color);
      link_ops(t, b, x, y_);
      y_ += b.height;
    }
  }

  void heading(const MarkdownBlock& b) {
    static const double sizes[] = {19, 15, 12.5, 11, 10.5, 10};
    const double size = sizes[std::clamp(b.level, 1, 6) - 1];
    if (!at_top()) y_ += b.level <= 2 ? 12 : 8;
    ensure(size * 1.4 + 48);  // keep a heading with what follows
    paragraph(b.text, b.quote_depth * kQuoteIndent, size, kBold, nullptr, kHeading);
    if (b.level <= 2) {
      stroke(kMarginX, y_ + 1, kContentW, 0, b.level == 1 ? kHeading : kBorder);
      y_ += 4;
    }
    y_ += 5;
  }

  void code(const std::string& text, double indent) {
    const double x = kMarginX + indent, pad = 6;
    const double width = kContentW - indent;
    LayoutPtr l = make_layout(StyledText{text, {}}, kMono, 8.5, width - 2 * pad, 0);
    pango_layout_set_wrap(l.get(), PANGO_WRAP_CHAR);
    auto lines = measure_lines(l.get(), 1.15);
    ensure(lines.front().height + 2 * pad);
    fill(x, y_, width, pad, kCodeBg);
    y_ += pad;
    for (const auto& b : lines) {
      if (y_ + b.height > kBottom) new_page();
      fill(x, y_, width, b.height + 0.5, kCodeBg);
      quote_bars(y_, b.height);
      line_op(l, b, x + pad, y_, kText);
      y_ += b.height;
    }
    fill(x, y_, width, pad, kCodeBg);
    y_ += pad + 6;
  }

  struct Cell {
    const StyledText* text = nullptr;
    LayoutPtr layout;
    std::vector<LineBox> lines;
  };

  static std::vector<double> column_widths(const std::vector<double>& natural, double avail) {
    const std::size_t n = natural.size();
    std::vector<double> w(n, 0);
    double sum = 0;
    for (double v : natural) sum += v;
    if (sum <= avail) {
      for (std::size_t i = 0; i < n; ++i) w[i] = natural[i] * avail / sum;
      return w;
    }
    // Columns narrower than their share keep their natural width; the rest share what is left
    // in proportion to their natural width, so short columns never wrap for a long one.
    std::vector<bool> fixed(n, false);
    double remaining = avail;
    for (bool changed = true; changed;) {
      changed = false;
      std::size_t open = 0;
      for (std::size_t i = 0; i < n; ++i) open += !fixed[i];
      if (open == 0) break;
      const double share = remaining / static_cast<double>(open);
      for (std::size_t i = 0; i < n; ++i)
        if (!fixed[i] && natural[i] <= share) {
          fixed[i] = true;
          w[i] = natural[i];
          remaining -= natural[i];
          changed = true;
        }
    }
    double open_sum = 0;
    std::size_t open = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (!fixed[i]) open_sum += natural[i], ++open;
    for (std::size_t i = 0; i < n; ++i)
      if (!fixed[i]) w[i] = std::max(remaining * natural[i] / open_sum, std::min(natural[i], 36.0));
    // The minimum widths may overshoot: scale everything back into the page.
    double total = 0;
    for (double v : w) total += v;
    if (total > avail)
      for (double& v : w) v *= avail / total;
    return w;
  }

  // Draws lines [from[i], to[i]) of every cell as one band of the row, `height` tall.
  void row_band(std::vector<Cell>& row, const std::vector<double>& xs, const std::vector<double>& widths,
                const std::vector<std::size_t>& from, const std::vector<std::size_t>& to, double height, bool header) {
    const double total = xs.back() + widths.back() - xs.front();
    if (header) fill(xs.front(), y_, total, height, kHeaderBg);
    for (std::size_t c = 0; c < row.size(); ++c) {
      double top = y_ + kCellPad;
      for (std::size_t i = from[c]; i < to[c]; ++i) {
        const LineBox& b = row[c].lines[i];
        line_op(row[c].layout, b, xs[c] + kCellPad, top, kText);
        link_ops(*row[c].text, b, xs[c] + kCellPad, top);
        top += b.height;
      }
    }
    stroke(xs.front(), y_, total, 0, kBorder);
    stroke(xs.front(), y_ + height, total, 0, kBorder);
    for (std::size_t c = 0; c < xs.size(); ++c) stroke(xs[c], y_, 0, height, kBorder);
    stroke(xs.front() + total, y_, 0, height, kBorder);
    y_ += height;
  }

  static double rest_height(const Cell& cell, std::size_t from) {
    double h = 0;
    for (std::size_t i = from; i < cell.lines.size(); ++i) h += cell.lines[i].height;
    return h;
  }

  void whole_rows(std::vector<std::vector<Cell>>& rows, std::size_t count, const std::vector<double>& xs,
                  const std::vector<double>& widths) {
    for (std::size_t r = 0; r < count; ++r) {
      std::vector<std::size_t> from(rows[r].size(), 0), to(rows[r].size());
      double h = 0;
      for (std::size_t c = 0; c < rows[r].size(); ++c) to[c] = rows[r][c].lines.size(), h = std::max(h, rest_height(rows[r][c], 0));
      row_band(rows[r], xs, widths, from, to, h + 2 * kCellPad, true);
    }
  }

  void table(const TableBlock& t, double indent) {
    std::size_t ncols = 0;
    for (const auto& r : t.rows) ncols = std::max(ncols, r.size());
    if (ncols == 0) return;
    const double avail = kContentW - indent;
    static const StyledText kEmpty;
    std::vector<std::vector<Cell>> rows(t.rows.size(), std::vector<Cell>(ncols));
    std::vector<double> natural(ncols, 24);
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      for (std::size_t c = 0; c < ncols; ++c) {
        Cell& cell = rows[r][c];
        cell.text = c < t.rows[r].size() ? &t.rows[r][c] : &kEmpty;
        cell.layout = make_layout(*cell.text, kSans, 9, -1, static_cast<int>(r) < t.header_rows ? static_cast<unsigned>(kBold) : 0u);
        PangoRectangle logical;
        pango_layout_get_extents(cell.layout.get(), nullptr, &logical);
        natural[c] = std::max(natural[c], logical.width / kPS + 2 * kCellPad + 1);
      }
    std::vector<double> widths = column_widths(natural, avail), xs(ncols);
    for (std::size_t c = 0; c < ncols; ++c) xs[c] = (c == 0 ? kMarginX + indent : xs[c - 1] + widths[c - 1]);
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < ncols; ++c) {
        Cell& cell = rows[r][c];
        pango_layout_set_width(cell.layout.get(), static_cast<int>((widths[c] - 2 * kCellPad) * kPS));
        CellAlign a = c < t.align.size() ? t.align[c] : CellAlign::Default;
        pango_layout_set_alignment(cell.layout.get(), a == CellAlign::Right    ? PANGO_ALIGN_RIGHT
                                                      : a == CellAlign::Center ? PANGO_ALIGN_CENTER
                                                                               : PANGO_ALIGN_LEFT);
        cell.lines = measure_lines(cell.layout.get(), 1.2);
      }
    const std::size_t head = std::min<std::size_t>(static_cast<std::size_t>(t.header_rows), rows.size());
    double head_h = 0;
    for (std::size_t r = 0; r < head; ++r) {
      double h = 0;
      for (const auto& cell : rows[r]) h = std::max(h, rest_height(cell, 0));
      head_h += h + 2 * kCellPad;
    }
    auto row_h = [&](std::size_t r) {
      double h = 0;
      for (const auto& cell : rows[r]) h = std::max(h, rest_height(cell, 0));
      return h + 2 * kCellPad;
    };
    ensure(head_h + (rows.size() > head ? std::min(row_h(head), 60.0) : 0));
    whole_rows(rows, head, xs, widths);
    bool fresh = true;  // nothing but the header on this page yet
    for (std::size_t r = head; r < rows.size(); ++r) {
      std::vector<std::size_t> from(ncols, 0);
      while (true) {
        double need = 0;
        for (std::size_t c = 0; c < ncols; ++c) need = std::max(need, rest_height(rows[r][c], from[c]));
        need += 2 * kCellPad;
        if (y_ + need <= kBottom) {
          std::vector<std::size_t> to(ncols);
          for (std::size_t c = 0; c < ncols; ++c) to[c] = rows[r][c].lines.size();
          row_band(rows[r], xs, widths, from, to, need, false);
          fresh = false;
          break;
        }
        if (!fresh && need <= kBottom - kTop - head_h) {  // the row fits on the next page whole
          new_page();
          whole_rows(rows, head, xs, widths);
          fresh = true;
          continue;
        }
        // Taller than a page: fill this one and continue the row on the next.
        const double room = kBottom - y_ - 2 * kCellPad;
        std::vector<std::size_t> to(from);
        double band = 0;
        for (std::size_t c = 0; c < ncols; ++c) {
          double h = 0;
          while (to[c] < rows[r][c].lines.size() && h + rows[r][c].lines[to[c]].height <= room) h += rows[r][c].lines[to[c]++].height;
          if (fresh && to[c] == from[c] && to[c] < rows[r][c].lines.size()) h += rows[r][c].lines[to[c]++].height;
          band = std::max(band, h);
        }
        if (band > 0) row_band(rows[r], xs, widths, from, to, band + 2 * kCellPad, false);
        from = to;
        new_page();
        whole_rows(rows, head, xs, widths);
        fresh = true;
      }
    }
    y_ += 8;
  }

  static cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
    auto* src = static_cast<std::string_view*>(closure);
    if (src->size() < length) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, src->data(), length);
    src->remove_prefix(length);
    return CAIRO_STATUS_SUCCESS;
  }

  static SurfacePtr png_surface(const std::string& png) {
    std::string_view src(png);
    cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read_png, &src);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(s);
      return nullptr;
    }
    return SurfacePtr(s, cairo_surface_destroy);
  }
};

void draw_op(cairo_t* cr, const Op& op) {
  switch (op.kind) {
    case Op::Kind::Line:
      cairo_set_source_rgb(cr, op.color.r, op.color.g, op.color.b);
      cairo_move_to(cr, op.x, op.y);
      pango_cairo_show_layout_line(cr, op.line.get());
      break;
    case Op::Kind::Fill:
      cairo_set_source_rgb(cr, op.color.r, op.color.g, op.color.b);
      cairo_rectangle(cr, op.x, op.y, op.w, op.h);
      cairo_fill(cr);
      break;
    case Op::Kind::Stroke:
      cairo_set_source_rgb(cr, op.color.r, op.color.g, op.color.b);
      cairo_set_line_width(cr, 0.6);
      cairo_move_to(cr, op.x, op.y);
      cairo_line_to(cr, op.x + op.w, op.y + op.h);
      cairo_stroke(cr);
      break;
    case Op::Kind::Link: {
      std::string attrs = link_attributes(op.x, op.y, op.w, op.h, op.uri);
      cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs.c_str());
      cairo_tag_end(cr, CAIRO_TAG_LINK);
      break;
    }
    case Op::Kind::Image:
      cairo_save(cr);
      cairo_translate(cr, op.x, op.y);
      cairo_scale(cr, op.scale, op.scale);
      cairo_set_source_surface(cr, op.image.get(), 0, 0);
      cairo_paint(cr);
      cairo_restore(cr);
      break;
  }
}

// The title at the top and "Page N of M" at the bottom of every page.
void page_frame(cairo_t* cr, PangoContext* ctx, const std::string& title, int number, int total) {
  PangoFontDescription* fd = pango_font_description_from_string(kSans);
  pango_font_description_set_size(fd, static_cast<int>(8.5 * kPS));
  auto text_at = [&](const std::string& text, double y, PangoAlignment align) {
    PangoLayout* l = pango_layout_new(ctx);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, static_cast<int>(kContentW * kPS));
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
    cairo_set_source_rgb(cr, kGrey.r, kGrey.g, kGrey.b);
    cairo_move_to(cr, kMarginX, y);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
  };
  text_at(title, 30, PANGO_ALIGN_LEFT);
  cairo_set_source_rgb(cr, kBorder.r, kBorder.g, kBorder.b);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, kMarginX, 46);
  cairo_line_to(cr, kMarginX + kContentW, 46);
  cairo_stroke(cr);
  text_at("Page " + std::to_string(number) + " of " + std::to_string(total), kPageH - 40, PANGO_ALIGN_CENTER);
  pango_font_description_free(fd);
}
}  // namespace

int write_pdf(const std::filesystem::path& path, const std::string& title, std::string_view markdown,
              const std::vector<EmbeddedImage>& images, const Progress& progress) {
  const auto blocks = parse_markdown_blocks(markdown);
  std::unique_ptr<PangoContext, decltype(&g_object_unref)> ctx(
      pango_font_map_create_context(pango_cairo_font_map_get_default()), g_object_unref);
  pango_cairo_context_set_resolution(ctx.get(), 72);
  pango_context_set_round_glyph_positions(ctx.get(), FALSE);
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx.get(), fo);
  cairo_font_options_destroy(fo);

  PageLayout layout(ctx.get());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i % 64 == 0) {
      progress.throw_if_cancelled();
      progress.update(0.8 * static_cast<double>(i) / static_cast<double>(blocks.size()), "laying out pages");
    }
    layout.block(blocks[i]);
  }
  layout.images(images);

  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kPageW, kPageH);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    std::string why = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    throw Error(ErrorKind::Io, "could not write " + path.string() + ": " + why);
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "TFTSR");
  cairo_t* cr = cairo_create(surface);
  const int total = static_cast<int>(layout.pages.size());
  bool cancelled = false;
  for (int p = 0; p < total && !cancelled; ++p) {
    if (progress.cancelled && progress.cancelled()) {
      cancelled = true;
      break;
    }
    progress.update(0.8 + 0.2 * p / total, "writing pages");
    page_frame(cr, ctx.get(), title, p + 1, total);
    for (const auto& op : layout.pages[static_cast<std::size_t>(p)]) draw_op(cr, op);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (cancelled) throw Error(ErrorKind::Cancelled, "cancelled");
  if (status != CAIRO_STATUS_SUCCESS)
    throw Error(ErrorKind::Io, "could not write " + path.string() + ": " + cairo_status_to_string(status));
  progress.update(1.0, "done");
  return total;
}

}  // namespace tftsr::docs
