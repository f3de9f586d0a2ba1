#pragma once
// The rows the repositories read and write. The structs live in core/model/, one header per area,
// so that the app can use them without the store.
#include "core/model/audit_entry.h"
#include "core/model/finding.h"
#include "core/model/incident.h"
#include "core/model/log_file.h"
#include "core/model/setting.h"
