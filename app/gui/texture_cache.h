#pragma once
// GPU textures made from RGBA pixels, keyed by a name the views choose ("thumb:<id>", "full:<id>").
// Pixels arrive from the worker pool; the upload itself must run on the UI thread, which owns the
// GL context, and is spread over frames (a slice of rows at a time) so that a 4K screenshot never
// stalls a frame. Without a GL context (the headless tests and benchmarks) textures get stand-in
// ids and the pixels are dropped, so everything above this class behaves the same.
#include <cstddef>
#include <deque>
#include <map>
#include <string>

#include <imgui.h>

#include "core/images/rgba_image.h"

namespace tftsr::gui {

enum class TextureFilter {
  Smooth,     // thumbnails: linear both ways
  PixelExact  // preview: nearest when magnified (every image pixel a crisp block), smooth when shrunk
};

struct Texture {
  ImTextureID id = nullptr;
  int width = 0;
  int height = 0;
};

class TextureCache {
 public:
  // use_gl: create real GL textures (the desktop window loaded GL); false for stand-in ids.
  explicit TextureCache(bool use_gl = gl_loaded());
  ~TextureCache();
  TextureCache(const TextureCache&) = delete;
  TextureCache& operator=(const TextureCache&) = delete;

  static bool gl_loaded();

  // Replaces whatever was under key; the texture becomes usable after enough upload() calls.
  void put(const std::string& key, RgbaImage pixels, TextureFilter filter);
  // The finished texture, or null while it is missing or still uploading.
  const Texture* find(const std::string& key) const;
  bool contains(const std::string& key) const { return entries_.count(key) != 0; }
  void erase(const std::string& key);

  // Uploads queued pixels, at most about byte_budget bytes of them (at least one slice), oldest
  // first. Returns true while more remain.
  bool upload(std::size_t byte_budget = kFrameUploadBudget);
  bool uploading() const { return !queue_.empty(); }

  std::size_t size() const { return entries_.size(); }
  // The largest side a texture may have; larger images must be scaled down before put().
  int max_side() const { return max_side_; }

  // About 4 MB a frame keeps uploads well under a millisecond or two on any GPU.
  static constexpr std::size_t kFrameUploadBudget = 4u << 20;

 private:
  struct Entry {
    Texture texture;
    RgbaImage pixels;  // emptied once uploaded
    int rows_done = 0;
    bool ready = false;
  };
  void release(Entry& entry);

  bool use_gl_;
  int max_side_ = 16384;
  std::size_t next_fake_id_ = 1;
  std::map<std::string, Entry> entries_;
  std::deque<std::string> queue_;  // keys waiting for upload, oldest first
};

}  // namespace tftsr::gui
