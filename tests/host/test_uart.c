// SPDX-License-Identifier: MIT
/*
 * drivers/uart/: each driver's register sequence against a fake MMIO
 * that records every access and answers status reads from a script
 * (busy a few times, then ready), and the compatible lookup.
 */
#include <hypstub/mmio.h>
#include <hypstub/uart.h>
#include <string.h>

#include "hosttest.h"

struct access {
	char op;      /* 'r' or 'w' */
	int width;    /* 1 or 4 */
	uintptr_t at; /* offset from the base */
	uint32_t v;
};

#define BASE 0x10000000u
static struct access log_[64];
static int nlog, busy_reads;
static uintptr_t status_at;
static uint32_t busy_value, ready_value;

static void fake_reset(uintptr_t status, uint32_t busy, uint32_t ready, int busy_count)
{
	nlog = 0;
	status_at = status;
	busy_value = busy;
	ready_value = ready;
	busy_reads = busy_count;
}

static uint32_t fake_read(uintptr_t addr, int width)
{
	uint32_t v = 0;

	if (addr - BASE == status_at)
		v = busy_reads-- > 0 ? busy_value : ready_value;
	assert_true(nlog < 64);
	log_[nlog++] = (struct access){'r', width, addr - BASE, v};
	return v;
}

static void fake_write(uintptr_t addr, uint32_t v, int width)
{
	assert_true(nlog < 64);
	log_[nlog++] = (struct access){'w', width, addr - BASE, v};
}

uint32_t hs_mmio_read32(uintptr_t addr)
{
	return fake_read(addr, 4);
}

void hs_mmio_write32(uintptr_t addr, uint32_t v)
{
	fake_write(addr, v, 4);
}

uint8_t hs_mmio_read8(uintptr_t addr)
{
	return (uint8_t)fake_read(addr, 1);
}

void hs_mmio_write8(uintptr_t addr, uint8_t v)
{
	fake_write(addr, v, 1);
}

/* The log is `busy + 1` reads of the status register, then one write of `c` to `data`. */
static void expect_polled_write(int busy, uintptr_t status, uintptr_t data, int width, char c)
{
	assert_int_equal(nlog, busy + 2);
	for (int i = 0; i <= busy; i++) {
		assert_int_equal(log_[i].op, 'r');
		assert_int_equal(log_[i].at, status);
		assert_int_equal(log_[i].width, width);
	}
	assert_int_equal(log_[busy + 1].op, 'w');
	assert_int_equal(log_[busy + 1].at, data);
	assert_int_equal(log_[busy + 1].width, width);
	assert_int_equal(log_[busy + 1].v, (unsigned char)c);
}

static void test_pl011(void **state)
{
	struct hs_uart u = {BASE, HS_UART_PL011, 0, 4};

	(void)state;
	fake_reset(0x18, 1u << 5, 0, 3); /* FR.TXFF three times */
	hs_uart_putc(&u, 'A');
	expect_polled_write(3, 0x18, 0x00, 4, 'A');
}

static void test_ns16550_bytes(void **state)
{
	struct hs_uart u = {BASE, HS_UART_NS16550, 0, 1};

	(void)state;
	fake_reset(5, 0, 0x20, 2); /* LSR.THRE clear twice */
	hs_uart_putc(&u, 'b');
	expect_polled_write(2, 5, 0, 1, 'b');
}

/* The Orange Pi's snps,dw-apb-uart: reg-shift 2, reg-io-width 4. */
static void test_ns16550_shift_width(void **state)
{
	struct hs_uart u = {BASE, HS_UART_NS16550, 2, 4};

	(void)state;
	fake_reset(5 << 2, 0x40, 0x60, 1);
	hs_uart_putc(&u, 'c');
	expect_polled_write(1, 5 << 2, 0, 4, 'c');
}

static void test_cdns(void **state)
{
	struct hs_uart u = {BASE, HS_UART_CDNS, 0, 4};

	(void)state;
	/* Init: the control register read, TXDIS cleared, TXEN set, the rest kept. */
	fake_reset(0x00, 0, 0x128, 0); /* QEMU's reset value: RXDIS, TXDIS, STPBRK */
	hs_uart_init(&u);
	assert_int_equal(nlog, 2);
	assert_int_equal(log_[1].op, 'w');
	assert_int_equal(log_[1].at, 0x00);
	assert_int_equal(log_[1].v, (0x128u & ~(1u << 5)) | (1u << 4));
	fake_reset(0x2c, 1u << 4, 0, 2); /* SR.TXFULL twice */
	hs_uart_putc(&u, 'd');
	expect_polled_write(2, 0x2c, 0x30, 4, 'd');
}

static void test_imx(void **state)
{
	struct hs_uart u = {BASE, HS_UART_IMX, 0, 4};

	(void)state;
	fake_reset(0xb4, 1u << 4, 0, 1); /* UTS.TXFULL once */
	hs_uart_putc(&u, 'e');
	expect_polled_write(1, 0xb4, 0x40, 4, 'e');
	/* Only the Cadence UART needs an init. */
	fake_reset(0, 0, 0, 0);
	hs_uart_init(&u);
	assert_int_equal(nlog, 0);
}

static void test_none_is_silent(void **state)
{
	struct hs_uart u = {BASE, HS_UART_NONE, 0, 0};

	(void)state;
	fake_reset(0, 0, 0, 0);
	hs_uart_init(&u);
	hs_uart_putc(&u, 'f');
	assert_int_equal(nlog, 0);
}

#define LOOKUP(lit) hs_uart_lookup(lit, (int)sizeof(lit))

static void test_lookup(void **state)
{
	const struct hs_uart_match *m;

	(void)state;
	m = LOOKUP("arm,pl011\0arm,primecell");
	assert_non_null(m);
	assert_int_equal(m->type, HS_UART_PL011);
	m = LOOKUP("snps,dw-apb-uart");
	assert_int_equal(m->type, HS_UART_NS16550);
	m = LOOKUP("brcm,bcm2835-aux-uart");
	assert_int_equal(m->type, HS_UART_NS16550);
	assert_int_equal(m->reg_shift, 2);
	assert_int_equal(m->reg_io_width, 4);
	m = LOOKUP("cdns,uart-r1p12\0xlnx,xuartps");
	assert_int_equal(m->type, HS_UART_CDNS);
	/* An SoC name first, the family's after it. */
	m = LOOKUP("fsl,imx8mq-uart\0fsl,imx6q-uart\0fsl,imx21-uart");
	assert_int_equal(m->type, HS_UART_IMX);
	assert_null(LOOKUP("vendor,unknown-uart"));
	/* Not NUL-terminated: not a string. */
	assert_null(hs_uart_lookup("arm,pl011", 9));
	assert_null(hs_uart_lookup(NULL, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pl011),
	    cmocka_unit_test(test_ns16550_bytes),
	    cmocka_unit_test(test_ns16550_shift_width),
	    cmocka_unit_test(test_cdns),
	    cmocka_unit_test(test_imx),
	    cmocka_unit_test(test_none_is_silent),
	    cmocka_unit_test(test_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
