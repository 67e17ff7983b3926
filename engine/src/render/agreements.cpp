// The deal's agreements and clauses as JSON (GET /v1/deals/{deal}/agreements of
// `dealcheck serve`; docs/schema/server.schema.json). Each clause has the fields of an
// answer's deciding clause, then what it replaces or amends and what displaced it.
#include "dealcheck/agreements.hpp"

#include "util/json_writer.hpp"

namespace dealcheck {

std::string render_agreements_json(const std::vector<AgreementListing>& agreements) {
    util::JsonWriter w;
    auto strings = [&w](const std::vector<std::string>& v) {
        w.begin_array();
        for (const auto& s : v)
            w.value(s);
        w.end_array();
    };
    w.begin_array();
    for (const auto& a : agreements) {
        w.begin_object();
        w.key("id").value(a.id);
        w.key("title").value(a.title);
        w.key("effective").value(format_date(a.effective));
        w.key("file").value(a.file);
        w.key("terminates");
        strings(a.terminates);
        w.key("clauses").begin_array();
        for (const auto& l : a.clauses) {
            const auto& c = l.clause;
            w.begin_object();
            w.key("id").value(c.id);
            w.key("title").value(c.title);
            w.key("effect").value(c.effect);
            w.key("tag").value(c.tag);
            w.key("quote").value(c.quote);
            w.key("cite").value(c.cite);
            w.key("file").value(c.where.file);
            w.key("line").value(c.where.line);
            w.key("replaces");
            strings(l.replaces);
            w.key("amends");
            l.amends.empty() ? w.null() : w.value(l.amends);
            w.key("in_force_from").value(format_date(l.in_force_from));
            w.key("superseded_from");
            l.superseded_from ? w.value(format_date(*l.superseded_from)) : w.null();
            w.key("superseded_by");
            l.superseded_by.empty() ? w.null() : w.value(l.superseded_by);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    return w.str();
}

} // namespace dealcheck
