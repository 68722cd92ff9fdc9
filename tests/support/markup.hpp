#pragma once
// Test support for the markup the report renderers write (HTML documents, inline SVG): a
// strict well-formedness check and a reader of HTML tables. Both expect our own regular
// output (every element closed or a void element, attributes in double quotes, only the
// five escapes EscapeMarkup() writes), not HTML in general. Plain functions; thread-safe.

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace foljsam::testing {

// Text with EscapeMarkup()'s character references resolved.
inline std::string UnescapeMarkup(std::string_view text) {
    static const std::pair<std::string_view, char> kRefs[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    for (size_t pos = 0; pos < text.size(); ++pos) {
        bool replaced = false;
        for (const auto& [ref, ch] : kRefs) {
            if (text.substr(pos, ref.size()) != ref) continue;
            out += ch;
            pos += ref.size() - 1;
            replaced = true;
            break;
        }
        if (!replaced) out += text[pos];
    }
    return out;
}

// "" when `doc` is well-formed: tags balanced and properly nested, attribute values in
// double quotes, '&' only in the five escapes, no '<' or '>' in text or attribute values.
// A <!DOCTYPE> and the HTML void element <meta> are allowed; <style> content is skipped.
// Otherwise a description of the first problem and where it is.
inline std::string MarkupProblem(std::string_view doc) {
    std::vector<std::string> open;
    auto entity_ok = [&](size_t pos) {
        for (std::string_view ref : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"})
            if (doc.substr(pos, ref.size()) == ref) return true;
        return false;
    };
    auto where = [&](size_t pos) { return " at " + std::to_string(pos) + ": " + std::string(doc.substr(pos, 60)); };
    for (size_t pos = 0; pos < doc.size();) {
        if (doc[pos] == '&' && !entity_ok(pos)) return "bare &" + where(pos);
        if (doc[pos] == '>') return "bare >" + where(pos);
        if (doc[pos] != '<') {
            ++pos;
            continue;
        }
        if (doc.substr(pos, 9) == "<!DOCTYPE") {
            pos = doc.find('>', pos) + 1;
            continue;
        }
        const bool closing = doc.substr(pos, 2) == "</";
        size_t name_end = doc.find_first_of(" />\n", pos + (closing ? 2 : 1));
        if (name_end == std::string_view::npos) return "unterminated tag" + where(pos);
        const std::string name(doc.substr(pos + (closing ? 2 : 1), name_end - pos - (closing ? 2 : 1)));
        if (name.empty() || !std::all_of(name.begin(), name.end(), [](char ch) {
                return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-';
            }))
            return "bad tag name" + where(pos);
        // Attributes: name="value" pairs up to '>' or "/>".
        size_t at = name_end;
        while (at < doc.size() && doc[at] != '>' && doc.substr(at, 2) != "/>") {
            if (doc[at] == ' ' || doc[at] == '\n') {
                ++at;
                continue;
            }
            const size_t eq = doc.find("=\"", at);
            const size_t gt = doc.find('>', at);
            if (closing || eq == std::string_view::npos || eq > gt) return "attribute not name=\"value\"" + where(at);
            const size_t quote_end = doc.find('"', eq + 2);
            const std::string_view value = doc.substr(eq + 2, quote_end - eq - 2);
            if (value.find_first_of("<>") != std::string_view::npos) return "< or > in attribute" + where(at);
            for (size_t amp = value.find('&'); amp != std::string_view::npos; amp = value.find('&', amp + 1))
                if (!entity_ok(eq + 2 + amp)) return "bare & in attribute" + where(eq + 2 + amp);
            at = quote_end + 1;
        }
        if (at >= doc.size()) return "unterminated tag" + where(pos);
        const bool self_closing = doc.substr(at, 2) == "/>";
        pos = at + (self_closing ? 2 : 1);
        if (closing) {
            if (open.empty() || open.back() != name)
                return "</" + name + "> does not close the open element" + where(at);
            open.pop_back();
        } else if (!self_closing && name != "meta") {
            open.push_back(name);
            if (name == "style") pos = doc.find("</style>", pos);
            if (pos == std::string_view::npos) return "unterminated <style>";
        }
    }
    return open.empty() ? "" : "<" + open.back() + "> never closed";
}

struct HtmlCell {
    bool header = false;  // <th>, else <td>
    std::string scope;    // the scope attribute, "" when none
    std::string text;     // the content with tags removed and references resolved
};

struct HtmlTable {
    std::string caption;
    std::vector<std::vector<HtmlCell>> rows;  // <thead> rows first, as in the document
};

// Every <table> of `html`, in order.
inline std::vector<HtmlTable> HtmlTablesOf(std::string_view html) {
    auto content = [](std::string_view inner) {
        std::string text;
        bool in_tag = false;
        for (char ch : inner) {
            if (ch == '<' || ch == '>') {
                in_tag = ch == '<';
                continue;
            }
            if (!in_tag) text += ch;
        }
        return UnescapeMarkup(text);
    };
    std::vector<HtmlTable> tables;
    for (size_t start = html.find("<table"); start != std::string_view::npos; start = html.find("<table", start + 1)) {
        const std::string_view table = html.substr(start, html.find("</table>", start) - start);
        HtmlTable parsed;
        if (size_t caption = table.find("<caption>"); caption != std::string_view::npos)
            parsed.caption = content(table.substr(caption + 9, table.find("</caption>") - caption - 9));
        for (size_t row = table.find("<tr"); row != std::string_view::npos; row = table.find("<tr", row + 1)) {
            const std::string_view tr = table.substr(row, table.find("</tr>", row) - row);
            parsed.rows.emplace_back();
            for (size_t cell = tr.find("<t", 3); cell != std::string_view::npos; cell = tr.find("<t", cell + 1)) {
                HtmlCell parsed_cell;
                parsed_cell.header = tr.substr(cell, 3) == "<th";
                const size_t open_end = tr.find('>', cell);
                const std::string_view attributes = tr.substr(cell, open_end - cell);
                if (size_t scope = attributes.find("scope=\""); scope != std::string_view::npos)
                    parsed_cell.scope =
                        std::string(attributes.substr(scope + 7, attributes.find('"', scope + 7) - scope - 7));
                const size_t close = tr.find(parsed_cell.header ? "</th>" : "</td>", open_end);
                parsed_cell.text = content(tr.substr(open_end + 1, close - open_end - 1));
                parsed.rows.back().push_back(std::move(parsed_cell));
                cell = close;
            }
        }
        tables.push_back(std::move(parsed));
    }
    return tables;
}

}  // namespace foljsam::testing
