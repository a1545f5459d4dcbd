#!/usr/bin/env bash
# Start CUPS without systemd and make the print queues the slip tests use:
#   KioskPDF      a cups-pdf queue whose PDFs land in $KIOSK_CUPS_PDF_DIR
#   KioskStopped  the same kind of queue, stopped, as a printer that is out of paper
# Safe to run again: everything is checked before it is made.
set -euo pipefail

out="${KIOSK_CUPS_PDF_DIR:-/var/spool/cups-pdf/kiosk}"
conf=/etc/cups/cups-pdf.conf

if ! command -v cupsd >/dev/null || ! command -v lpadmin >/dev/null; then
  echo "slips: CUPS is not installed (apt-get install cups printer-driver-cups-pdf)" >&2
  exit 1
fi

# Where cups-pdf writes: one known folder, whoever printed.
mkdir -p "$out"
chmod 1777 "$out"
# Test paper does not pile up: slips older than a day are thrown away.
find "$out" -maxdepth 1 -name '*.pdf' -mmin +1440 -delete 2>/dev/null || true
if [ -f "$conf" ]; then
  sed -i -E '/^[#[:space:]]*(Out|AnonDirName|Label)[[:space:]]/d' "$conf"
  printf 'Out %s\nAnonDirName %s\nLabel 0\n' "$out" "$out" >> "$conf"
fi

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  cupsd
  for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.2
  done
fi
lpstat -r | grep -q "is running" || { echo "slips: cupsd did not start" >&2; exit 1; }

ppd=""
for p in /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd \
         /usr/share/ppd/cups-pdf/CUPS-PDF.ppd; do
  [ -f "$p" ] && { ppd="$p"; break; }
done
model=(-P "$ppd")
[ -n "$ppd" ] || model=(-m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd)

for q in KioskPDF KioskStopped; do
  lpstat -p "$q" >/dev/null 2>&1 || lpadmin -p "$q" -v cups-pdf:/ "${model[@]}" -E
done
cupsenable KioskPDF
cupsaccept KioskPDF
cupsaccept KioskStopped
cupsdisable -r "out of paper (test queue)" KioskStopped
echo "slips: CUPS is running; queues KioskPDF (PDFs in $out) and KioskStopped (stopped)"
