// The web page (server/web/), compiled into the binary by server/CMakeLists.txt: no
// files to install and no build step at run time.
#pragma once

#include <optional>
#include <string_view>

namespace dealcheck::server {

struct WebAsset {
    std::string_view content_type, body;
};

// "/" is the page; its scripts and styles are beside it ("/app.js"). nullopt: none.
std::optional<WebAsset> web_asset(std::string_view path);

} // namespace dealcheck::server
