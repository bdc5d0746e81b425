#!/usr/bin/env python3
"""kiosk_vm.py OUT -- boots the kiosk image tools/kiosk-test.sh made in OUT
under qemu-system-x86_64 (TCG, no KVM) and checks, as a user would see it:
the picker on screen at boot with nobody logged in; keys reaching the
program (its journal) and never tty1 or the autologin shell there; the
breath sound not silent and breathing at the routine's pace; a crash
(SIGSEGV, SIGKILL) restarted; a second program told the screen is busy;
"Close to the login prompt" handing tty1 back; Esc, Turn off and its
confirmation powering the machine off cleanly. Keys go in through QMP
send-key on a USB keyboard, screenshots come out through QMP screendump,
the sound through an HDA card recorded to OUT/sound.wav, and a root shell
on the serial port looks inside. Prints one line per check and exits 1
when any failed."""
import json
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time

OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "."
RESULTS = []
T0 = time.time()


def say(msg):
    print(f"kiosk-test: {time.time() - T0:6.1f} s: {msg}", flush=True)


def check(ok, what, detail=""):
    RESULTS.append((bool(ok), what))
    say(f"{'ok  ' if ok else 'FAIL'} {what}{(': ' + detail) if detail and not ok else ''}")
    return ok


class Qmp:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.connect(path)
        self.f = self.s.makefile("rw")
        self.f.readline()  # the greeting
        self.cmd("qmp_capabilities")

    def cmd(self, name, **args):
        self.f.write(json.dumps({"execute": name, "arguments": args}) + "\n")
        self.f.flush()
        while True:
            r = json.loads(self.f.readline())
            if "return" in r or "error" in r:
                return r

    def key(self, *names):
        """Presses the keys named (qcodes) together, as one chord."""
        r = self.cmd("send-key", keys=[{"type": "qcode", "data": k} for k in names], **{"hold-time": 80})
        time.sleep(0.4)
        return r

    def shot(self, name):
        ppm = os.path.join(OUT, name + ".ppm")
        png = os.path.join(OUT, name + ".png")
        self.cmd("screendump", filename=ppm)
        for _ in range(50):
            if os.path.exists(ppm) and os.path.getsize(ppm) > 0:
                break
            time.sleep(0.1)
        time.sleep(0.3)
        subprocess.run(["convert", ppm, png], check=False)
        os.unlink(ppm)
        return png


class Serial:
    """A root shell on the guest's serial port."""

    def __init__(self, path, log):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.connect(path)
        self.buf = ""
        self.lock = threading.Lock()
        self.log = open(log, "w")
        self.n = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while True:
            try:
                d = self.s.recv(4096)
            except OSError:
                return
            if not d:
                return
            t = d.decode("utf-8", "replace")
            self.log.write(t)
            self.log.flush()
            with self.lock:
                self.buf += t

    def run(self, command, timeout=60):
        """Runs COMMAND, returns (status, output); status None on a timeout."""
        self.n += 1
        tag = f"__E{self.n}"
        with self.lock:
            self.buf = ""
        # the typed line holds __E''N; only the output joins it to __EN
        line = f"{command}; echo {tag[:3]}''{tag[3:]}__ $?\n"
        self.s.sendall(line.encode())
        end = time.time() + timeout
        pat = re.compile(re.escape(tag) + r"__ (\d+)")
        while time.time() < end:
            with self.lock:
                m = pat.search(self.buf)
                if m:
                    text = self.buf[: m.start()].replace("\r", "")
                    # without the command line, when the terminal echoed it
                    lines = [l for l in text.split("\n") if f"{tag[:3]}''" not in l]
                    return int(m.group(1)), "\n".join(lines)
            time.sleep(0.2)
        return None, self.buf


def wait_for(fn, timeout, step=1.0):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(step)
    return None


def ocr(png):
    r = subprocess.run(["tesseract", png, "-", "--psm", "3"], capture_output=True, text=True)
    return r.stdout


def wav_info(path):
    with open(path, "rb") as f:
        h = f.read(44)
    channels, rate = struct.unpack("<HI", h[22:28])
    bits = struct.unpack("<H", h[34:36])[0]
    return channels, rate, bits


def samples(path, start, end, channels):
    """The first channel's samples between byte offsets START and END, and
    how many were left out as underrun gaps: runs of exact zeros of 5 ms
    or more, which the guest's sound card plays when the program falls
    behind (the emulated machine under load); the breath guide itself is
    never digital silence in a pace with no holds."""
    frame = 2 * channels
    start -= (start - 44) % frame
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    n = len(data) // frame
    raw = struct.unpack("<" + "h" * (n * channels), data[: n * frame])[::channels]
    out, gap, dropped = [], [], 0
    for v in raw:
        if v == 0:
            gap.append(v)
            continue
        if len(gap) < 220:
            out.extend(gap)
        else:
            dropped += len(gap)
        gap = []
        out.append(v)
    return out, dropped + len(gap)


def envelope(s, rate, win_s=0.1):
    """RMS in windows of WIN_S, clipped at twice the median (the voice's
    lines stand out of the breath) and smoothed over a second."""
    w = int(rate * win_s)
    env = [(sum(x * x for x in s[i:i + w]) / w) ** 0.5 for i in range(0, len(s) - w, w)]
    if not env:
        return env
    m = sorted(env)[len(env) // 2]
    env = [min(v, 2 * m) for v in env]
    return [sum(env[max(0, i - 5):i + 5]) / len(env[max(0, i - 5):i + 5]) for i in range(len(env))]


def period(env, win_s, lo_s, hi_s):
    """The lag (s) of the strongest autocorrelation of ENV between LO_S and
    HI_S, and its strength (0..1)."""
    m = sum(env) / len(env)
    x = [v - m for v in env]
    var = sum(v * v for v in x) or 1.0
    best, best_lag = -1.0, 0
    for lag in range(int(lo_s / win_s), int(hi_s / win_s) + 1):
        c = sum(x[i] * x[i + lag] for i in range(len(x) - lag)) / var
        if c > best:
            best, best_lag = c, lag
    return best_lag * win_s, best


def main():
    disk = os.path.join(OUT, "disk.img")
    qmp_path = os.path.join(OUT, "qmp.sock")
    ser_path = os.path.join(OUT, "serial.sock")
    wav = os.path.join(OUT, "sound.wav")
    for p in (qmp_path, ser_path):
        if os.path.exists(p):
            os.unlink(p)
    qemu = [
        "qemu-system-x86_64", "-machine", "q35", "-accel", "tcg", "-cpu", "max", "-smp", "2", "-m", "1536",
        "-kernel", os.path.join(OUT, "vmlinuz"), "-initrd", os.path.join(OUT, "initrd.img"),
        "-append", "root=/dev/vda rw console=ttyS0,115200 quiet loglevel=3 systemd.show_status=0",
        "-drive", f"file={disk},format=raw,if=virtio",
        "-device", "virtio-vga,xres=1280,yres=800",
        "-device", "qemu-xhci", "-device", "usb-kbd",
        "-audiodev", f"wav,id=snd0,path={wav}",
        "-device", "intel-hda", "-device", "hda-duplex,audiodev=snd0",
        "-qmp", f"unix:{qmp_path},server=on,wait=off",
        "-serial", f"unix:{ser_path},server=on,wait=off",
        "-display", "none", "-nic", "none", "-no-reboot",
    ]
    qlog = open(os.path.join(OUT, "qemu.log"), "w")
    vm = subprocess.Popen(qemu, stdout=qlog, stderr=subprocess.STDOUT)
    try:
        run_checks(vm, qmp_path, ser_path, wav)
    finally:
        if vm.poll() is None:
            vm.terminate()
            try:
                vm.wait(10)
            except subprocess.TimeoutExpired:
                vm.kill()
    read_journal(disk)
    failed = [w for ok, w in RESULTS if not ok]
    say(f"{len(RESULTS) - len(failed)} of {len(RESULTS)} checks passed")
    sys.exit(1 if failed or not RESULTS else 0)


def picker_text(png):
    """The OCR of PNG when it shows the picker (its title and a routine of
    the list), else None."""
    t = ocr(png)
    return t if "Psoas Coach" in t and ("Desk release" in t or "Calm breath" in t) else None


def lit(png):
    """The share of PNG's pixels that are not black (the picker's
    background is dark blue, never 0,0,0)."""
    r = subprocess.run(["convert", png, "-colorspace", "gray", "-threshold", "1%", "-format", "%[fx:mean]", "info:"],
                       capture_output=True, text=True)
    try:
        return float(r.stdout)
    except ValueError:
        return 0.0


STARTS = []  # (when, seconds to the first picture or None) per program start looked at


def picker_stays(q, name, when):
    """With no key pressed: the picker comes on screen (OCR) within 60 s of
    "screen: picker" being logged, the frames drawn while the program
    starts on the emulated machine taking a while, and is still there 10 s
    and 20 s later. A program whose first picture never reaches the
    display (the console's black screen until a key) fails the first;
    one whose picture is lost after it the other two."""
    t0 = time.time()
    seen = wait_for(lambda: picker_text(q.shot(name)), 60, 3)
    STARTS.append((when, time.time() - t0 if seen else None))
    png = os.path.join(OUT, name + ".png")
    check(seen, f"{when}, with no key pressed, the picker comes on screen (OCR)",
          f"{lit(png):.1%} of the screen lit; OCR: {ocr(png)[:200]!r}")
    if not seen:
        return False
    say(f"{when}: the picker on screen {time.time() - t0:.0f} s after it was logged")
    later = []
    for k in (1, 2):
        time.sleep(10)
        shot = q.shot(f"{name}-{10 * k}s")
        later.append((lit(shot), picker_text(shot) is not None))
    return check(all(share > 0.5 and text for share, text in later),
                 f"{when}, the picker stays on screen 10 s and 20 s later, no key pressed",
                 ", ".join(f"{share:.1%} lit, text {'read' if text else 'not read'}" for share, text in later))


def journal(sh, since_boot=True):
    # by its identifier: PAM moves the program into its login session's scope
    st, out = sh.run("journalctl -b -t psoas-coach -o cat --no-pager", timeout=60)
    return out if st == 0 else ""


def count(sh, text):
    return journal(sh).count(text)


def run_checks(vm, qmp_path, ser_path, wav):
    wait_for(lambda: os.path.exists(qmp_path) and os.path.exists(ser_path), 30, 0.2)
    q = Qmp(qmp_path)
    sh = Serial(ser_path, os.path.join(OUT, "serial.log"))
    booted = time.time()
    # the shell on the serial port answers once the machine is up
    ready = wait_for(lambda: sh.s.sendall(b"\n") or sh.run("true", timeout=5)[0] == 0, 600, 2)
    if not check(ready, "the machine boots to its serial console"):
        return
    sh.run("stty -echo cols 200; export SYSTEMD_PAGER= SYSTEMD_COLORS=0")
    up = wait_for(lambda: "screen: picker" in journal(sh), 300, 2)
    check(up, "the kiosk shows the picker after boot", journal(sh)[-500:])
    say(f"boot to picker: {time.time() - booted:.0f} s")
    _, active = sh.run("systemctl is-active psoas-coach@kiosk getty@tty1.service")
    check(active.split()[:2] == ["active", "inactive"], "the kiosk runs and the login prompt on tty1 is stopped",
          active)
    _, sessions = sh.run("loginctl list-sessions --no-legend")
    check(re.search(r"\bkiosk\s+seat0\s+tty1\b", sessions) or re.search(r"kiosk.*seat0.*tty1", sessions),
          "the kiosk has a logind session on seat0 and tty1", sessions)
    _, who = sh.run("who")
    check("kiosk" in who and "tty1" in who and len([l for l in who.splitlines() if "tty1" in l]) == 1,
          "on tty1 only the kiosk's own session: nobody is logged in there", who)
    _, env = sh.run("tr '\\0' '\\n' </proc/$(systemctl show -p MainPID --value psoas-coach@kiosk)/environ"
                    " | grep -E '^XDG_(RUNTIME_DIR|SESSION_TYPE)='")
    check("XDG_RUNTIME_DIR=/run/user/" in env, "logind set XDG_RUNTIME_DIR", env)
    _, mode = sh.run("kbd_mode -C /dev/tty1")
    check(mode.strip() and "ASCII" not in mode and "Unicode" not in mode and "UTF-8" not in mode,
          "tty1's keyboard is switched off while the kiosk runs", mode)
    say(f"tty1 keyboard: {mode.strip()}")
    picker_stays(q, "1-picker", "after boot")
    # what the display scans out: the program's own buffer, not the
    # console's (fbcon's) drawn over it or taken back
    _, owner = sh.run("mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug; "
                      "sed -n '/plane-0/,/allocated by/p' /sys/kernel/debug/dri/0/state | grep 'allocated by'")
    check("psoas-coach" in owner, "the display shows the program's own buffer (DRM state: its primary plane)", owner)
    _, kd = sh.run("python3 -c 'import fcntl,array; a=array.array(\"i\",[0]); "
                   "fcntl.ioctl(open(\"/dev/tty1\"),0x4B3B,a); print(\"text\" if a[0]==0 else \"graphics\")'")
    say(f"tty1 console mode: {kd.strip()}; active VT: {sh.run('cat /sys/class/tty/tty0/active')[1].strip()}")

    # --- keys: into the program, never into tty1 ---
    before = count(sh, "screen: help")
    q.key("h")
    check(wait_for(lambda: count(sh, "screen: help") > before, 20), "H reaches the program: the help opens")
    q.key("esc")
    check(wait_for(lambda: count(sh, "screen: back to picker") > 0, 20), "Esc closes the help (logged)")
    q.key("up")  # Calm breath, above the default Desk release
    # a shell command the autologin shell would run, if it got the keys
    for k in ["d", "a", "t", "e"]:
        q.key(k)
    q.key("shift", "dot")
    q.key("z")
    q.key("z")
    pressed = time.time()
    size0 = os.path.getsize(wav) if os.path.exists(wav) else 44
    q.key("ret")
    started = wait_for(lambda: re.search(r"session: .*started ([^\n]*)", journal(sh)), 30)
    check(started, "Enter on the picker starts a session")
    title = started.group(1) if started else ""
    say(f"started: {title}")
    st, _ = sh.run("test -e /home/kiosk/zz || test -e /root/zz || test -e /zz")
    check(st == 1, "the typed command reached no shell (no file zz made)")
    _, vcs = sh.run("tr -s ' ' </dev/vcs1 | head -c 2000")
    check("date" not in vcs and "zz" not in vcs, "nothing typed shows on tty1 (/dev/vcs1)", vcs[:200])

    # --- the sound: not silent, breathing at the routine's pace ---
    time.sleep(max(0.0, 100 - (time.time() - pressed)))
    q.shot("2-session")
    channels, rate, bits = wav_info(wav)
    size1 = os.path.getsize(wav)
    bps = rate * channels * bits // 8
    seconds = (size1 - size0) / bps
    say(f"sound: {rate} Hz, {channels} channels; {seconds:.1f} s written in {time.time() - pressed:.1f} s")
    kept, gaps = samples(wav, size0, size1, channels)
    say(f"sound: {len(kept) / rate:.1f} s played, {gaps / rate:.1f} s of underrun gaps (the emulated machine "
        "falling behind)")
    peak = max(abs(v) for v in kept) if kept else 0
    check(peak > 1000 and len(kept) > 30 * rate, "the session is not silent",
          f"peak {peak}, {len(kept) / rate:.1f} s of sound")
    if "Calm breath" in title:
        env = envelope(kept[-45 * rate:], rate)
        lag, strength = period(env, 0.1, 6, 20)
        say(f"sound: breath period {lag:.1f} s (autocorrelation {strength:.2f}) over the last 45 s played; "
            "the routine: 4 s in, 8 s out")
        check(abs(lag - 12.0) <= 1.0 and strength > 0.25,
              "the breath sound cycles every 12 s, as Long exhale breathes", f"{lag:.1f} s, {strength:.2f}")
        with open(os.path.join(OUT, "envelope.txt"), "w") as f:
            f.write("\n".join(f"{i * 0.1:.1f} {v:.0f}" for i, v in enumerate(env)))
    else:
        check(False, "the session is Calm breath, whose pace is measured", title)

    # --- a crash is restarted ---
    for sig in ("SEGV", "KILL"):
        _, pid = sh.run("systemctl show -p MainPID --value psoas-coach@kiosk")
        pid = pid.strip()
        n = count(sh, "screen: picker")
        sh.run(f"kill -{sig} {pid}")
        back = wait_for(lambda: count(sh, "screen: picker") > n, 90, 2)
        _, newpid = sh.run("systemctl show -p MainPID --value psoas-coach@kiosk")
        check(back and newpid.strip() not in ("0", pid), f"killed with SIG{sig}, the kiosk is restarted",
              f"pid {pid} -> {newpid.strip()}")
        _, active = sh.run("systemctl is-active getty@tty1.service")
        check(active.strip() != "active", f"after SIG{sig} the login prompt stays off", active)
        picker_stays(q, f"1-picker-after-{sig.lower()}", f"after SIG{sig}")
    _, mode = sh.run("kbd_mode -C /dev/tty1")
    check("ASCII" not in mode and "Unicode" not in mode, "tty1's keyboard is off again after the restarts", mode)

    # --- the program started again and again: its first picture every time ---
    for k in (1, 2):
        n = count(sh, "screen: picker")
        sh.run("systemctl restart psoas-coach@kiosk", timeout=90)
        if check(wait_for(lambda: count(sh, "screen: picker") > n, 90, 2), f"restart {k}: the picker is logged"):
            picker_stays(q, f"1-picker-restart-{k}", f"restarted ({k})")
    say("first pictures: " + "; ".join(f"{w}: {'%.0f s' % t if t is not None else 'NEVER'}" for w, t in STARTS))

    # --- a second program: the screen is busy ---
    st, busy = sh.run("timeout 60 runuser -u kiosk -- env XDG_RUNTIME_DIR=/run/user/$(id -u kiosk) "
                      "/usr/local/bin/psoas-coach 2>&1 | tail -3", timeout=90)
    check("screen is busy" in busy and "in use by another program" in busy,
          "a second psoas-coach says the screen is busy", busy)
    say(f"second program: {busy.strip()}")

    # --- Close to the login prompt: tty1 handed back ---
    time.sleep(2)
    q.key("esc")
    check(wait_for(lambda: "screen: leave" in journal(sh), 20), "Esc on the picker opens the leave screen")
    time.sleep(2)
    png = q.shot("3-leave")
    text = ocr(png)
    check("Turn off" in text, "the leave screen offers Turn off (OCR)", text[:300])
    q.key("up")  # wraps to the last choice: Close to the login prompt
    q.key("ret")
    closed = wait_for(lambda: sh.run("systemctl is-active getty@tty1.service")[1].strip() == "active", 60, 2)
    check(closed, "Close to the login prompt gives tty1 its login prompt back")
    check("quitting: closed to the login prompt" in journal(sh), "the journal says why the program quit")
    _, state = sh.run("systemctl is-active psoas-coach@kiosk")
    check(state.strip() == "inactive", "a clean close is not restarted", state)
    time.sleep(5)
    q.shot("4-console")
    sh.run("systemctl start psoas-coach@kiosk")
    n = count(sh, "screen: picker")
    check(wait_for(lambda: count(sh, "screen: picker") >= 1 and
                   sh.run("systemctl is-active getty@tty1.service")[1].strip() != "active", 90, 2),
          "started again, the kiosk takes tty1 from the login prompt")
    time.sleep(5)

    # --- Turn off ---
    q.key("esc")
    wait_for(lambda: journal(sh).count("screen: leave") >= 1, 20)
    time.sleep(1.5)
    q.key("ret")
    check(wait_for(lambda: "waiting for a second press" in journal(sh), 20), "Turn off asks for a second press")
    time.sleep(1)
    q.shot("5-confirm")
    off_at = time.time()
    q.key("ret")
    try:
        vm.wait(180)
    except subprocess.TimeoutExpired:
        pass
    check(vm.poll() is not None, "the second press turns the machine off (qemu exits)")
    say(f"power-off took {time.time() - off_at:.0f} s")
    with open(os.path.join(OUT, "serial.log")) as f:
        serial = f.read()
    check("Power down" in serial or "reboot: Power down" in serial, "the kernel powered down cleanly (serial log)")


def read_journal(disk):
    jdir = os.path.join(OUT, "journal")
    subprocess.run(["rm", "-rf", jdir])
    subprocess.run(["debugfs", "-R", f"rdump /var/log/journal {OUT}", disk], capture_output=True)
    if not os.path.isdir(jdir):
        check(False, "the machine's journal can be read from its disk")
        return
    r = subprocess.run(["journalctl", "-D", jdir, "-o", "short-monotonic", "--no-pager"], capture_output=True,
                       text=True)
    with open(os.path.join(OUT, "journal.txt"), "w") as f:
        f.write(r.stdout)
    last = r.stdout
    check("power: turning off: the system accepted" in last, "the journal: logind accepted the power-off")
    check(re.search(r"Reached target .*Power-Off|System Power Off|Powering off", last),
          "the journal: systemd reached the power-off target (a clean shutdown)")


if __name__ == "__main__":
    main()
