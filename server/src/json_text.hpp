// The little JSON the server writes around the engine's documents: quoted strings.
#pragma once

#include <string>
#include <string_view>

namespace dealcheck::server {

// `s` as a JSON string, quotes included.
std::string json_string(std::string_view s);

} // namespace dealcheck::server
