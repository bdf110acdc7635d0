#include "cresolv_shim.h"
