# Shortcuts for machines that have make; the README's commands work without it.
.PHONY: run test
run:
	bash packaging/dev.sh run
test:
	bash packaging/dev.sh test
