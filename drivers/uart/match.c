// SPDX-License-Identifier: MIT
/* Which driver serves a compatible property: every driver's table, searched in the node's order. */
#include <hypstub/uart.h>
#include <string.h>

static const struct hs_uart_match *const tables[] = {
    hs_pl011_match,
    hs_ns16550_match,
    hs_cdns_match,
    hs_imx_match,
};

static const struct hs_uart_match *lookup_one(const char *s, size_t len)
{
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (const struct hs_uart_match *m = tables[t]; m->compatible[0]; m++)
			if (strlen(m->compatible) == len && !memcmp(m->compatible, s, len))
				return m;
	return NULL;
}

const struct hs_uart_match *hs_uart_lookup(const char *compatible, int len)
{
	for (int at = 0, end; compatible && at < len; at = end + 1) {
		const struct hs_uart_match *m;

		for (end = at; end < len && compatible[end]; end++)
			;
		if (end == len)
			break; /* not NUL-terminated: not a string */
		m = lookup_one(compatible + at, (size_t)(end - at));
		if (m)
			return m;
	}
	return NULL;
}

const char *hs_uart_type_name(unsigned type)
{
	switch (type) {
	case HS_UART_PL011: return "pl011";
	case HS_UART_NS16550: return "ns16550";
	case HS_UART_CDNS: return "cdns";
	case HS_UART_IMX: return "imx";
	default: return "none";
	}
}
