#pragma once
// Entry point of the desktop front end; the `tftsr` binary calls it when no subcommand is given.

namespace tftsr::gui {

// Options: --data-dir DIR, --screenshot OUT.png, --frames N, --help. Returns the process exit code.
int run_gui(int argc, char** argv);

}  // namespace tftsr::gui
