// A history file: `events:`, each what happened on a date. Read as text here; the
// checker resolves parties, actions, facts and attributes and types the values.
#include "loader/loaders.hpp"
#include "loader/yaml_reader.hpp"

#include <algorithm>

namespace dealcheck::loader {

namespace {

class HistoryLoader {
  public:
    HistoryLoader(Context& ctx, std::uint32_t file) : ctx_(ctx), file_(file), sr_(ctx, file) {}

    void load(const yaml::Node& root) {
        MapReader m(ctx_, file_, root, "a history file", {"events"});
        if (!m.is_map()) return;
        auto events = m.require("events");
        if (!events.defined() || events.is_null()) return;
        if (!events.is_list()) {
            sr_.error(DiagnosticCode::wrong_shape, events, "`events` must be a list of events",
                      "each event is a map: {date, party, action, attributes} or {date, fact, "
                      "value}");
            return;
        }
        // Room for this file's events, growing as a vector does: a history comes in
        // many files, and room for each file alone would move all events every time.
        auto& all = ctx_.deal().events;
        if (all.capacity() < all.size() + events.size())
            all.reserve(std::max(all.size() + events.size(), 2 * all.capacity()));
        for (auto e : events.items())
            event(e);
    }

  private:
    Context& ctx_;
    std::uint32_t file_;
    ScalarReader sr_;

    void event(const yaml::Node& node) {
        static const std::vector<std::string> keys = {
            "date", "title", "party", "action", "attributes", "fact", "value", "tag", "source"};
        MapReader m(ctx_, file_, node, "an event", keys);
        if (!m.is_map()) return;
        model::Event e;
        e.file = file_;
        e.at = Context::position(node.mark());
        if (auto n = m.require("date"); n.defined())
            e.date = sr_.date(n, "the date").value_or(Date{});
        if (auto n = m.get("title"); n.defined()) e.title = sr_.text(n, "the title").value_or("");
        if (auto n = m.get("source"); n.defined())
            e.source = sr_.text(n, "the source").value_or("");
        if (auto n = m.get("tag"); n.defined()) {
            auto s = sr_.text(n, "the tag");
            if (s == "official")
                e.tag = model::Tag::Official;
            else if (s == "reported")
                e.tag = model::Tag::Reported;
            else if (s == "unverified")
                e.tag = model::Tag::Unverified;
            else if (s)
                sr_.error(DiagnosticCode::unknown_keyword, n, "unknown tag `" + *s + "`",
                          "a tag is `official`, `reported` or `unverified`");
        }
        auto action = m.get("action"), fact = m.get("fact");
        if (action.defined() == fact.defined()) {
            ctx_.error(DiagnosticCode::conflicting_keys, file_, node.mark(),
                       action.defined() ? "an event is an action or a fact, not both"
                                        : "an event names the `action` taken or the `fact` that "
                                          "changed",
                       "write {date, party, action, attributes} or {date, fact, value}");
            return;
        }
        if (action.defined()) {
            e.action_text = sr_.identifier(action, "the action kind").value_or("");
            e.action_at = Context::position(action.mark());
            if (auto n = m.require("party"); n.defined()) {
                e.party_text = sr_.identifier(n, "the party").value_or("");
                e.party_at = Context::position(n.mark());
            }
            if (auto n = m.get("value"); n.defined())
                sr_.error(DiagnosticCode::conflicting_keys, n,
                          "an action event has `attributes`, not a `value`");
            attributes(m.get("attributes"), e);
        } else {
            e.fact_text = sr_.identifier(fact, "the fact").value_or("");
            e.fact_at = Context::position(fact.mark());
            if (auto n = m.require("value"); n.defined()) {
                e.value_text = sr_.text(n, "the value").value_or("");
                e.value_at = Context::position(n.mark());
            }
            for (const char* key : {"party", "attributes"})
                if (auto n = m.get(key); n.defined())
                    sr_.error(DiagnosticCode::conflicting_keys, n,
                              std::string("a fact event has no `") + key + "`",
                              "a fact event is {date, fact, value}");
        }
        ctx_.deal().events.push_back(std::move(e));
    }

    void attributes(const yaml::Node& n, model::Event& e) {
        if (!n.defined() || n.is_null()) return;
        if (!n.is_map()) {
            sr_.error(DiagnosticCode::wrong_shape, n,
                      "`attributes` must map attribute names to values",
                      "for example `attributes: {amount: 1B USD}`");
            return;
        }
        for (auto [key, value] : n.entries()) {
            auto name = sr_.identifier(key, "an attribute name");
            auto text = sr_.text(value, "the attribute's value");
            if (!name || !text) continue;
            for (const auto& earlier : e.attribute_text)
                if (earlier.name == *name) {
                    sr_.error(DiagnosticCode::duplicate_key, key,
                              "duplicate attribute `" + *name + "`",
                              "the first is on line " + std::to_string(earlier.at.line));
                    return;
                }
            e.attribute_text.push_back(
                {*name, *text, Context::position(key.mark()), Context::position(value.mark())});
        }
    }
};

} // namespace

void load_history(Context& ctx, std::uint32_t file, const yaml::Document& document) {
    auto root = document.root();
    if (!root.defined()) return;
    HistoryLoader(ctx, file).load(root);
}

} // namespace dealcheck::loader
