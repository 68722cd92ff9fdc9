#include "io/xml_stream.hpp"

#include <expat.h>

#include <algorithm>
#include <type_traits>

#include "io/text_encoding.hpp"

namespace foljsam::io::xml {

static_assert(std::is_same_v<XML_Char, char>, "expat must be built with UTF-8 XML_Char");

namespace {

constexpr char kNamespaceSeparator = '|';  // expat gives "uri|local" for namespaced names

std::string_view LocalName(const char* name) {
    const std::string_view full(name);
    const size_t separator = full.rfind(kNamespaceSeparator);
    return separator == std::string_view::npos ? full : full.substr(separator + 1);
}

}  // namespace

std::optional<std::string_view> Attributes::Get(std::string_view name) const {
    for (const char** pair = pairs_; pair[0] != nullptr; pair += 2) {
        if (LocalName(pair[0]) == name) return std::string_view(pair[1]);
    }
    return std::nullopt;
}

struct ParserState {
    XML_Parser parser = nullptr;
    Handler* handler = nullptr;
    std::string part;
    size_t max_depth = 0;
    size_t max_pending_bytes = 0;
    Status failure;  // the first failure raised inside a callback
    size_t depth = 0;
    bool first_chunk = true;
    bool check_utf8 = true;
    Utf8Validator utf8;
    long long fed_bytes = 0;
    long long last_event = 0;  // byte offset where the latest event started

    // Records the first failure and stops expat; later events are ignored.
    void Fail(Status status) {
        if (!failure.ok()) return;
        failure = std::move(status);
        XML_StopParser(parser, XML_FALSE);
    }
    bool Live() {
        if (!failure.ok()) return false;
        last_event = XML_GetCurrentByteIndex(parser);
        return true;
    }
    Status Malformed() const {
        return Status::Corrupt("Filen är skadad: delen " + part + " innehåller felaktig XML (rad " +
                               std::to_string(XML_GetCurrentLineNumber(parser)) + ").");
    }
    Status NotUtf8() const {
        return Status::InvalidInput("Filen innehåller tecken som inte är giltig UTF-8 (i delen " + part +
                                    "). Spara den på nytt i Excel eller LibreOffice.");
    }
};

namespace {

ParserState& From(void* data) { return *static_cast<ParserState*>(data); }

void OnStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    ParserState& state = From(data);
    if (!state.Live()) return;
    if (++state.depth > state.max_depth) {
        state.Fail(Status::InvalidInput("Filen har för djupt nästlad XML (mer än " + std::to_string(state.max_depth) +
                                        " nivåer i delen " + state.part + "). Den läses inte."));
        return;
    }
    Status status = state.handler->Start(LocalName(name), Attributes(attributes));
    if (!status.ok()) state.Fail(std::move(status));
}

void OnEnd(void* data, const XML_Char* name) {
    ParserState& state = From(data);
    if (!state.Live()) return;
    --state.depth;
    Status status = state.handler->End(LocalName(name));
    if (!status.ok()) state.Fail(std::move(status));
}

void OnText(void* data, const XML_Char* text, int length) {
    ParserState& state = From(data);
    if (!state.Live()) return;
    Status status = state.handler->Text(std::string_view(text, static_cast<size_t>(length)));
    if (!status.ok()) state.Fail(std::move(status));
}

void OnOther(void* data, const XML_Char*) { From(data).Live(); }  // comments: just progress
void OnInstruction(void* data, const XML_Char*, const XML_Char*) { From(data).Live(); }

void OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    ParserState& state = From(data);
    state.Fail(Status::InvalidInput(
        "Filen innehåller en DTD (dokumenttypdeklaration), vilket kalkylblad inte gör. Den läses inte."));
}

}  // namespace

Parser::Parser(Handler& handler, std::string part, const ReadLimits& limits) : state_(std::make_unique<ParserState>()) {
    state_->handler = &handler;
    state_->part = std::move(part);
    state_->max_depth = limits.max_xml_depth;
    // Room for the largest legitimate tag with its attributes; text streams and is not counted.
    state_->max_pending_bytes = std::max<size_t>(1 << 20, 4 * limits.max_cell_bytes);
    state_->parser = XML_ParserCreateNS(nullptr, kNamespaceSeparator);
    if (state_->parser == nullptr) {
        state_->failure = Status::Internal("XML_ParserCreateNS failed");
        return;
    }
    XML_SetUserData(state_->parser, state_.get());
    XML_SetElementHandler(state_->parser, OnStart, OnEnd);
    XML_SetCharacterDataHandler(state_->parser, OnText);
    XML_SetCommentHandler(state_->parser, OnOther);
    XML_SetProcessingInstructionHandler(state_->parser, OnInstruction);
    XML_SetStartDoctypeDeclHandler(state_->parser, OnDoctype);
    XML_SetParamEntityParsing(state_->parser, XML_PARAM_ENTITY_PARSING_NEVER);
}

Parser::~Parser() {
    if (state_->parser != nullptr) XML_ParserFree(state_->parser);
}

Status Parser::Feed(std::string_view chunk) {
    ParserState& state = *state_;
    if (!state.failure.ok()) return state.failure;
    if (state.first_chunk) {
        state.first_chunk = false;
        // A UTF-16 part starts with its byte-order mark; expat decodes it itself.
        state.check_utf8 = !(chunk.starts_with("\xFF\xFE") || chunk.starts_with("\xFE\xFF"));
    }
    if (state.check_utf8 && !state.utf8.Feed(chunk)) return state.NotUtf8();
    state.fed_bytes += static_cast<long long>(chunk.size());
    if (XML_Parse(state.parser, chunk.data(), static_cast<int>(chunk.size()), XML_FALSE) != XML_STATUS_OK) {
        if (!state.failure.ok()) return state.failure;
        if (XML_GetErrorCode(state.parser) == XML_ERROR_NO_MEMORY) return Status::Internal("expat: out of memory");
        return state.Malformed();
    }
    if (state.fed_bytes - state.last_event > static_cast<long long>(state.max_pending_bytes)) {
        return Status::InvalidInput("Filen innehåller ett orimligt stort XML-element (i delen " + state.part +
                                    "). Den läses inte.");
    }
    return Status::Ok();
}

Status Parser::Finish() {
    ParserState& state = *state_;
    if (!state.failure.ok()) return state.failure;
    if (state.check_utf8 && !state.utf8.Finish()) return state.NotUtf8();
    if (XML_Parse(state.parser, nullptr, 0, XML_TRUE) != XML_STATUS_OK) {
        if (!state.failure.ok()) return state.failure;
        return state.Malformed();
    }
    return Status::Ok();
}

}  // namespace foljsam::io::xml
