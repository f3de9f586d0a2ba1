#pragma once
// Raw SQL on a store a Triage has open, for tests that plant or inspect rows no service would
// write: a second connection to the same file (WAL lets both work side by side). The services
// see its committed changes at their next statement.
#include <string>

#include "core/store/database.h"
#include "core/triage.h"

namespace tftsr::test {

inline Database second_connection(const Triage& triage, const std::string& passphrase) {
  return Database::open(triage.database_path(), passphrase);
}

}  // namespace tftsr::test
