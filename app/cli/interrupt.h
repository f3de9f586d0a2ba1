#pragma once
// Ctrl+C during a long network command: the first one asks the transfer to stop (it ends within
// 200 ms and what arrived is kept), a second one ends the program as usual.
#include <functional>

namespace tftsr::cli {

// Installs the handler and returns the check to poll (true once Ctrl+C was pressed).
std::function<bool()> interrupt_check();

}  // namespace tftsr::cli
