#pragma once
// Streaming XML for the parts of an xlsx: expat fed chunk by chunk, hardened for uploads.
// - A document type declaration is refused outright: spreadsheets never have one, and it is
//   where entity-expansion attacks ("billion laughs") and external entities live.
// - Element nesting deeper than ReadLimits::max_xml_depth is refused.
// - One token (a tag with its attributes, a comment) may not grow beyond a bound, since expat
//   must buffer a token whole; character data streams and is not bounded here.
// - The bytes must be UTF-8, checked as they arrive so the message can say so; a part with
//   a UTF-16 byte-order mark is left to expat. Other declared encodings are not supported.
// Names reach the handler as local names: namespace prefixes ("x:", "r:") are resolved and
// stripped, so files from every generator look alike. One parser per document and thread;
// no expat type appears in this header.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "io/sheet.hpp"

namespace foljsam::io::xml {

struct ParserState;  // the expat parser and its guards, defined in xml_stream.cpp

// The attributes of one start tag; valid only during the Handler::Start call.
class Attributes {
   public:
    explicit Attributes(const char** pairs) : pairs_(pairs) {}
    // The value of the attribute whose local name is `name`, or nullopt.
    std::optional<std::string_view> Get(std::string_view name) const;

   private:
    const char** pairs_;  // expat's name, value, ..., nullptr
};

// Receives the events of one document. A failed Status stops the parse and becomes its result.
class Handler {
   public:
    virtual ~Handler() = default;
    virtual Status Start(std::string_view name, const Attributes& attributes) = 0;
    virtual Status End(std::string_view name) = 0;
    // Character data; one text node may arrive in several pieces.
    virtual Status Text(std::string_view text) = 0;
};

class Parser {
   public:
    // `handler` must outlive the parser; `part` names the document in messages.
    Parser(Handler& handler, std::string part, const ReadLimits& limits);
    ~Parser();
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    // Parses the next chunk. Failure: kInvalidInput for a DTD, too deep nesting, an oversized
    // token or bytes that are not UTF-8; kCorrupt for XML that is not well-formed; or the
    // handler's failure. After a failure the parser must not be fed again.
    Status Feed(std::string_view chunk);
    // Ends the document: fails as Feed does, and also when the document is incomplete.
    Status Finish();

   private:
    std::unique_ptr<ParserState> state_;
};

}  // namespace foljsam::io::xml
