// SPDX-License-Identifier: MIT
#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <stdio.h>

int main(const void *dtb)
{
	printf("hello from EL1, dtb %p, hyp %d\n", dtb, hyp_available());
	printf("unknown call -> 0x%lx\n", hyp_call(7, 0, 0, 0, 0));
	return 0;
}
