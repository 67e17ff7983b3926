// The body of simdjson_line_*.cpp: SIMDJSON_READ reads with the On-Demand kernel
// that `OnDemand` names.
// The fields of a question line through simdjson On-Demand, into a JsonLine: strings
// unescaped by simdjson, attribute and fact values as their raw JSON text.
bool SIMDJSON_READ(const simdjson::padded_string& text, question::JsonLine& out) {
    static thread_local OnDemand::parser parser;
    out.clear();
    OnDemand::document doc;
    if (parser.iterate(text).get(doc)) return false;
    OnDemand::object object;
    if (doc.get_object().get(object)) return false;
    auto pairs = [](auto v, std::vector<question::JsonLine::Pair>& to) {
        OnDemand::object o;
        if (v.get_object().get(o)) return false;
        for (auto field : o) {
            std::string_view name, raw;
            if (field.unescaped_key().get(name) || field.value().raw_json_token().get(raw))
                return false;
            to.push_back({name, raw});
        }
        return true;
    };
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key)) return false;
        auto value = field.value();
        std::string_view* text_field = key == "party"    ? &out.party
                                       : key == "action" ? &out.action
                                       : key == "date"   ? &out.date
                                       : key == "question" ? &out.phrase
                                                           : nullptr;
        if (text_field) {
            if (value.get_string().get(*text_field)) return false;
        } else if (key == "attributes" || key == "facts") {
            if (!pairs(value, key == "facts" ? out.facts : out.attributes)) return false;
        } else if (key == "consents") {
            OnDemand::array a;
            if (value.get_array().get(a)) return false;
            for (auto item : a) {
                std::string_view s;
                if (item.get_string().get(s)) return false;
                out.consents.push_back(s);
            }
        } else {
            return false;
        }
    }
    return true;
}

