// tftsr: with a command, the command line; without one, the desktop program.
#include <iostream>

#include "app/cli/cli_support.h"
#include "core/net/network_runtime.h"
#ifdef TFTSR_WITH_GUI
#include "app/gui/gui_main.h"
#endif

int main(int argc, char** argv) {
  // Before any thread starts: libcurl's global state is not thread-safe to initialise.
  const tftsr::net::NetworkRuntime network;
  int rc;
  if (tftsr::cli::wants_cli(argc, argv)) {
    rc = tftsr::cli::run_cli(argc, argv);
  } else {
#ifdef TFTSR_WITH_GUI
    rc = tftsr::gui::run_gui(argc, argv);
#else
    std::cerr << "tftsr: this build has no desktop program; run `tftsr --help` for the commands\n";
    rc = tftsr::cli::run_cli(argc, argv);
#endif
  }
  return rc;
}
