#include "errors.hpp"

#include "json_text.hpp"

namespace dealcheck::server {

std::string diagnostics_json(const Diagnostics& diagnostics) {
    // The CLI's JSON Lines, one object a line, become the items of an array.
    std::string lines = render(diagnostics, ErrorFormat::Json);
    std::string out = "[";
    std::size_t start = 0;
    while (start < lines.size()) {
        auto end = lines.find('\n', start);
        if (end == std::string::npos) end = lines.size();
        if (out.size() > 1) out += ',';
        out.append(lines, start, end - start);
        start = end + 1;
    }
    return out + "]";
}

Response error_response(int status, const std::string& error, const Diagnostics& diagnostics) {
    Response r;
    r.status = status;
    r.body = "{\"status\":" + std::to_string(status) + ",\"error\":" + json_string(error) +
             ",\"diagnostics\":" + diagnostics_json(diagnostics) + "}\n";
    return r;
}

Response error_response(int status, const std::string& error, const std::string& hint) {
    Diagnostics ds;
    Diagnostic d(DiagnosticCode::bad_request);
    d.where.file = "<request>";
    d.message = error;
    d.hint = hint;
    ds.add(std::move(d));
    return error_response(status, error, ds);
}

} // namespace dealcheck::server
