#include "store/fault_injection.hpp"

#include <atomic>

#include "store/sql.hpp"

namespace foljsam::store {
namespace {
std::atomic<int> g_fail_at{0};
std::atomic<int> g_executed{0};
}  // namespace

namespace testing {
void FailAtStatement(int n) {
    g_executed = 0;
    g_fail_at = n;
}
int StatementsSinceArmed() { return g_executed; }
}  // namespace testing

void CountStatementMaybeFail() {
    const int executed = ++g_executed;
    const int fail_at = g_fail_at.load();
    if (fail_at > 0 && executed == fail_at) throw soci::soci_error("injected fault");
}

}  // namespace foljsam::store
