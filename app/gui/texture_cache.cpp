#include "app/gui/texture_cache.h"

#include <glad/gl.h>

#include <algorithm>
#include <cstdint>

namespace tftsr::gui {

namespace {
ImTextureID to_id(GLuint name) { return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(name)); }
GLuint to_name(ImTextureID id) { return static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(id)); }
}  // namespace

bool TextureCache::gl_loaded() { return glad_glGenTextures != nullptr && glad_glTexSubImage2D != nullptr; }

TextureCache::TextureCache(bool use_gl) : use_gl_(use_gl) {
  if (use_gl_) {
    GLint max = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max);
    if (max > 0) max_side_ = max;
  }
}

TextureCache::~TextureCache() {
  for (auto& [key, entry] : entries_) release(entry);
}

void TextureCache::release(Entry& entry) {
  if (use_gl_ && entry.texture.id) {
    GLuint name = to_name(entry.texture.id);
    glDeleteTextures(1, &name);
  }
  entry.texture.id = nullptr;
}

void TextureCache::put(const std::string& key, RgbaImage pixels, TextureFilter filter) {
  erase(key);
  Entry entry;
  entry.texture.width = pixels.width;
  entry.texture.height = pixels.height;
  if (use_gl_) {
    GLuint name = 0;
    glGenTextures(1, &name);
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, name);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER,
                    filter == TextureFilter::PixelExact ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter == TextureFilter::PixelExact ? GL_NEAREST : GL_LINEAR);
    // Storage only: the rows follow in slices, frame by frame.
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, pixels.width, pixels.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
    entry.texture.id = to_id(name);
    entry.pixels = std::move(pixels);
  } else {
    entry.texture.id = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(next_fake_id_++));
    entry.rows_done = 0;
    entry.pixels.width = pixels.width;
    entry.pixels.height = pixels.height;  // no pixels kept: nothing will sample them
  }
  entries_[key] = std::move(entry);
  queue_.push_back(key);
}

const Texture* TextureCache::find(const std::string& key) const {
  auto it = entries_.find(key);
  return it != entries_.end() && it->second.ready ? &it->second.texture : nullptr;
}

void TextureCache::erase(const std::string& key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  release(it->second);
  entries_.erase(it);
  queue_.erase(std::remove(queue_.begin(), queue_.end(), key), queue_.end());
}

bool TextureCache::upload(std::size_t byte_budget) {
  std::size_t spent = 0;
  while (!queue_.empty() && (spent == 0 || spent < byte_budget)) {
    Entry& e = entries_.at(queue_.front());
    const int width = e.pixels.width, height = e.pixels.height;
    const std::size_t row_bytes = static_cast<std::size_t>(std::max(width, 1)) * 4;
    const std::size_t left = byte_budget > spent ? byte_budget - spent : row_bytes;
    const int rows = std::clamp(static_cast<int>(left / row_bytes), 1, std::max(height - e.rows_done, 1));
    if (use_gl_ && height > 0) {
      GLint previous = 0;
      glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
      glBindTexture(GL_TEXTURE_2D, to_name(e.texture.id));
      glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
      glTexSubImage2D(GL_TEXTURE_2D, 0, 0, e.rows_done, width, rows, GL_RGBA, GL_UNSIGNED_BYTE,
                      e.pixels.pixels.data() + e.pixels.offset(0, e.rows_done));
      if (e.rows_done + rows >= height) {
        GLint min_filter = 0;
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, &min_filter);
        if (min_filter == GL_LINEAR_MIPMAP_LINEAR) glGenerateMipmap(GL_TEXTURE_2D);
      }
      glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
    }
    e.rows_done += rows;
    spent += static_cast<std::size_t>(rows) * row_bytes;
    if (e.rows_done >= height) {
      e.ready = true;
      e.pixels = {};
      queue_.pop_front();
    }
  }
  return !queue_.empty();
}

}  // namespace tftsr::gui
