import {
  linuxOsFacts,
  localDisks,
  parseAptHistory,
  parseBootTime,
  parseCpuinfo,
  parseDfPT,
  parseDmi,
  parseIpJsonAddr,
  parseIpOAddr,
  parseMeminfo,
  parseOsRelease,
  parseRebootRequired,
  parseRpmLastInstall,
  parseUptime,
} from './linux-parsers'
import type { PendingUpdates } from './packages'
import { parseAptSimulate, parseDnfCheckUpdate, parseZypperListUpdates } from './packages'
import { posixPreamble } from './posix-preamble'
import { parseUname, parseWho } from './posix-parsers'
import type { SplitSections } from './sections'
import {
  describeExit,
  firstLine,
  noSectionsProblem,
  sectionReader,
  splitSections,
  takeSection,
} from './sections'
import { compact } from './text'
import type { InventoryFacts, PatchFacts, ProbeResult } from './types'

/**
 * The one script run on a Linux device (through `sh -s` or `sh -c`). Package checks are
 * bounded and cache-only: apt is simulated without `apt-get update`, dnf runs --cacheonly and
 * zypper --no-refresh, so the answer reflects the device's last own refresh.
 */
export const linuxProbeScript =
  posixPreamble +
  String.raw`
sb_os_release() {
  if [ -r /etc/os-release ]; then cat /etc/os-release; else cat /usr/lib/os-release; fi
}

# Only the keys the parser reads: a 128-thread server's full cpuinfo is ~400 KB of flags.
sb_cpuinfo() {
  grep -E '^(processor|model name|physical id|core id|cpu cores|Processor|cpu model|uarch|Hardware)[[:space:]]*:' /proc/cpuinfo
}

# -l keeps a hung network mount from stalling the probe; BusyBox and old df lack -l or -B.
sb_df() {
  for sb_opts in '-PTl -B1' '-PT -B1' '-PTk'; do
    if df $sb_opts / >/dev/null 2>&1; then
      sb_bounded 20 df $sb_opts
      return
    fi
  done
  return 127
}

sb_ip_text() {
  ip -o link show && ip -o addr show
}

sb_dmidecode_keyword() {
  case $1 in
    sys_vendor) echo system-manufacturer ;;
    product_name) echo system-product-name ;;
    product_version) echo system-version ;;
    product_serial) echo system-serial-number ;;
    chassis_asset_tag) echo chassis-asset-tag ;;
    bios_version) echo bios-version ;;
  esac
}

# sysfs first (world-readable except the serial). dmidecode only as root, or through sudo -n
# which never prompts; after one refusal sudo is not tried again, so a user without sudo
# rights leaves at most one line in the auth log. SWITCHBOARD_NO_SUDO=1 skips sudo entirely.
sb_dmi() {
  sb_dmi_dir=/sys/class/dmi/id
  sb_dmidecode=
  if sb_have dmidecode; then
    if [ "$(id -u)" = 0 ]; then
      sb_dmidecode=dmidecode
    elif [ "x$SWITCHBOARD_NO_SUDO" != x1 ] && sb_have sudo; then
      sb_dmidecode='sudo -n dmidecode'
    fi
  fi
  for sb_key in sys_vendor product_name product_version product_serial chassis_asset_tag bios_version; do
    sb_value=
    if [ -r "$sb_dmi_dir/$sb_key" ]; then
      sb_value=$(cat "$sb_dmi_dir/$sb_key" 2>/dev/null)
    elif [ -n "$sb_dmidecode" ]; then
      sb_value=$($sb_dmidecode -s "$(sb_dmidecode_keyword "$sb_key")" 2>/dev/null | grep -v '^#' | head -n 1)
      [ -n "$sb_value" ] || [ "$sb_dmidecode" = dmidecode ] || sb_dmidecode=
    fi
    if [ -n "$sb_value" ]; then printf '%s=%s\n' "$sb_key" "$sb_value"; fi
  done
  for sb_key in model serial-number; do
    if [ -r "/proc/device-tree/$sb_key" ]; then
      printf 'devicetree_%s=%s\n' "$sb_key" "$(tr -d '\000' < "/proc/device-tree/$sb_key")"
    fi
  done
  return 0
}

sb_reboot() {
  if [ -e /run/reboot-required ] || [ -e /var/run/reboot-required ]; then
    echo 'reboot-required-file=present'
  elif sb_have apt-get; then
    echo 'reboot-required-file=absent'
  fi
  if sb_have needs-restarting; then
    sb_bounded 30 needs-restarting -r >/dev/null 2>&1
    echo "needs-restarting=$?"
  fi
  if sb_have zypper; then
    sb_bounded 30 zypper --non-interactive --no-refresh needs-rebooting >/dev/null 2>&1
    echo "zypper-needs-rebooting=$?"
  fi
  return 0
}

# apt logs local time; date -d turns the newest upgrading transaction's end into epoch seconds.
sb_apt_history() {
  [ -r /var/log/apt/history.log ] || return 0
  sb_when=$(awk '/^Start-Date:/ { up = 0 } /^Upgrade:/ { up = 1 } /^End-Date:/ && up { last = $2 " " $3 } END { print last }' /var/log/apt/history.log)
  [ -n "$sb_when" ] || return 0
  printf 'end-date=%s\n' "$sb_when"
  sb_epoch=$(date -d "$sb_when" +%s 2>/dev/null) && printf 'epoch=%s\n' "$sb_epoch"
  return 0
}

sb_rpm_last_install() {
  rpm -qa --qf '%{INSTALLTIME}\n' | sort -n | tail -n 1
}

sb_section os-release sb_os_release
if [ -r /etc/debian_version ]; then sb_section debian-version cat /etc/debian_version; fi
sb_section uname uname -srm
sb_section hostname uname -n
sb_section fqdn sb_bounded 5 hostname -f
sb_section cpuinfo sb_cpuinfo
sb_section meminfo cat /proc/meminfo
sb_section df sb_df
if ip -j addr show >/dev/null 2>&1; then
  sb_section ip-json ip -j addr show
else
  sb_section ip-text sb_ip_text
fi
sb_section uptime cat /proc/uptime
sb_section boot-time grep '^btime ' /proc/stat
sb_section who who
sb_section dmi sb_dmi
sb_section reboot sb_reboot
if sb_have apt-get; then
  sb_section apt-simulate sb_bounded 30 apt-get -s -o Debug::NoLocking=1 upgrade
  sb_section apt-history sb_apt_history
elif sb_have dnf; then
  sb_section dnf-check-update sb_bounded 60 dnf -q --cacheonly check-update
  sb_section dnf-check-update-security sb_bounded 60 dnf -q --cacheonly check-update --security
  sb_section rpm-last-install sb_rpm_last_install
elif sb_have zypper; then
  sb_section zypper-list-updates sb_bounded 60 zypper --non-interactive --no-refresh list-updates
  sb_section rpm-last-install sb_rpm_last_install
fi
`

/** Turns the Linux probe's output into facts, listing what could not be learned. */
export function parseLinuxProbe(output: string): ProbeResult {
  const split = splitSections(output)
  const problems = [...split.problems]
  const facts: InventoryFacts = {}
  if (split.sections.size === 0) return { facts, problems: [...problems, noSectionsProblem] }
  const read = sectionReader(split, problems)

  const release = read('os-release', 'Operating system (/etc/os-release)', parseOsRelease)
  const uname = read('uname', 'Kernel (uname -srm)', parseUname)
  const debianVersion = read('debian-version', 'Debian point release', firstLine, {
    optional: true,
  })
  facts.os = linuxOsFacts(release, uname, debianVersion)
  // Many RHEL hosts set the FQDN as the kernel host name; the inventory keeps both forms.
  const nodeName = read('hostname', 'Hostname (uname -n)', firstLine)
  const dotted = nodeName?.includes('.') && !/^[\d.]+$/.test(nodeName) ? nodeName : undefined
  facts.hostname = dotted ? dotted.split('.')[0] : nodeName
  // hostname -f answers the short name when DNS has no domain for it; that is no FQDN.
  const fqdn = read('fqdn', 'FQDN', (body) => firstLine(body) ?? '', { optional: true })
  facts.fqdn = fqdn?.includes('.') ? fqdn : dotted
  facts.cpu = read('cpuinfo', 'CPU (/proc/cpuinfo)', parseCpuinfo)
  facts.memoryBytes = read('meminfo', 'Memory (/proc/meminfo)', parseMeminfo)
  facts.disks = read('df', 'Disks (df)', (body) => {
    const all = parseDfPT(body)
    return all && localDisks(all)
  })
  facts.interfaces = split.sections.has('ip-json')
    ? read('ip-json', 'Network interfaces (ip -j addr)', parseIpJsonAddr)
    : read('ip-text', 'Network interfaces (ip -o addr)', parseIpOAddr)
  facts.uptimeSeconds = read('uptime', 'Uptime (/proc/uptime)', parseUptime)
  facts.lastBootAt = read('boot-time', 'Boot time (/proc/stat)', parseBootTime)
  facts.loggedInUsers = read('who', 'Logged-in users (who)', parseWho)

  const dmi = takeSection(split, 'dmi', 'Hardware (DMI)', problems)
  if (dmi !== undefined) {
    facts.hardware = parseDmi(dmi)
    if (!facts.hardware) {
      problems.push(
        'Hardware (DMI): nothing readable. The device has no SMBIOS table (common for ' +
          'containers and some VMs), or reading it needs root and dmidecode.',
      )
    }
  }
  const reboot = takeSection(split, 'reboot', 'Reboot required', problems)
  if (reboot !== undefined) {
    facts.rebootRequired = parseRebootRequired(reboot)
    if (facts.rebootRequired === undefined) {
      problems.push(
        'Reboot required: unknown. The device has neither /run/reboot-required (Debian, ' +
          'Ubuntu) nor needs-restarting (RHEL) nor zypper needs-rebooting (SUSE).',
      )
    }
  }
  facts.patches = linuxPatches(split, problems)
  return { facts: compact(facts) ?? {}, problems }
}

function linuxPatches(split: SplitSections, problems: string[]): PatchFacts | undefined {
  const read = sectionReader(split, problems)
  const has = (name: string): boolean => split.sections.has(name)
  let manager: PatchFacts['manager']
  let updates: PendingUpdates | undefined
  let lastPatchedAt: number | undefined
  if (has('apt-simulate')) {
    manager = 'apt'
    updates = read('apt-simulate', 'Pending updates (apt-get -s upgrade)', parseAptSimulate)
    lastPatchedAt = read('apt-history', 'Last upgrade (apt history)', parseAptHistory, {
      optional: true,
    })
  } else if (has('dnf-check-update')) {
    manager = 'dnf'
    const section = split.sections.get('dnf-check-update')
    if (
      section?.complete &&
      section.exitCode !== undefined &&
      ![0, 100].includes(section.exitCode)
    ) {
      // dnf's generic error exit: with --cacheonly it usually means there is no cache yet.
      const hint =
        section.exitCode === 1
          ? ' dnf runs cache-only, so a device that has never refreshed its metadata cannot answer.'
          : ''
      problems.push(`Pending updates (dnf check-update): ${describeExit(section.exitCode)}.${hint}`)
    } else {
      updates = read(
        'dnf-check-update',
        'Pending updates (dnf check-update)',
        parseDnfCheckUpdate,
        {
          okExitCodes: [0, 100],
        },
      )
      // Exit 100 promises updates; an empty parse then means the listing changed shape.
      if (updates?.pending === 0 && section?.exitCode === 100) {
        problems.push('Pending updates (dnf check-update): exit 100 but no package was listed.')
        updates = undefined
      }
    }
    const security = read('dnf-check-update-security', 'Security updates', parseDnfCheckUpdate, {
      okExitCodes: [0, 100],
      optional: true,
    })
    if (updates && security) updates = { ...updates, security: security.pending }
    lastPatchedAt = read('rpm-last-install', 'Last install', parseRpmLastInstall, {
      optional: true,
    })
  } else if (has('zypper-list-updates')) {
    manager = 'zypper'
    updates = read(
      'zypper-list-updates',
      'Pending updates (zypper list-updates)',
      parseZypperListUpdates,
    )
    lastPatchedAt = read('rpm-last-install', 'Last install', parseRpmLastInstall, {
      optional: true,
    })
  } else {
    problems.push('Pending updates: no supported package manager (apt, dnf, zypper) reported.')
    return undefined
  }
  if (!updates) return undefined
  const patches: PatchFacts = { manager, pending: updates.pending }
  if (updates.security !== undefined) patches.security = updates.security
  if (lastPatchedAt !== undefined) patches.lastPatchedAt = lastPatchedAt
  return patches
}
