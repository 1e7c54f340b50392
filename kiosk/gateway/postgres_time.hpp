#pragma once
// A timestamptz column as text the way the SQLite store writes times: UTC, milliseconds, a Z.
#define KIOSK_PG_UTC_TEXT(column) "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
