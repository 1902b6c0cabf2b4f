# Runs in a container of the sandbox image (test/sandbox-cgroup-v2.e2e.test.ts):
# a cgroup2 hierarchy at /sys/fs/cgroup, in a cgroup namespace of its own, as
# the sandbox's init meets it on a cgroup v2 host, whatever this host runs.
set -eu
mkdir -p /mnt/outer
mount -t cgroup2 none /mnt/outer
group=/mnt/outer/labgrade-v2-test-$(hostname)
mkdir "$group"
cleanup() {
  echo $$ >/mnt/outer/cgroup.procs
  find "$group" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  for controller in "${enabled[@]}"; do echo "-$controller" >/mnt/outer/cgroup.subtree_control 2>/dev/null || true; done
  umount /mnt/outer
}
trap cleanup EXIT
echo $$ >"$group/cgroup.procs"
# Controllers the outer hierarchy has but does not hand down yet (hugetlb on a
# cgroup v1 host, where every other one is bound to v1): handed to the test's
# group, as a cgroup v2 host hands them to a container; taken back afterwards.
enabled=()
for controller in $(cat /mnt/outer/cgroup.controllers); do
  grep -qw "$controller" /mnt/outer/cgroup.subtree_control && continue
  echo "+$controller" >/mnt/outer/cgroup.subtree_control 2>/dev/null && enabled+=("$controller")
done

unshare --cgroup --mount --fork bash -eu <<'INNER'
umount -l /sys/fs/cgroup
mount -t cgroup2 none /sys/fs/cgroup
sleep 300 &
engine=$!   # stands for dockerd: a process of the root group when the init runs
labgrade-cgroups /sys/fs/cgroup
echo "root-procs=$(wc -l </sys/fs/cgroup/cgroup.procs)"
echo "engine-moved=$(grep -cx "$engine" /sys/fs/cgroup/init/cgroup.procs)"
echo "controllers=$(cat /sys/fs/cgroup/cgroup.controllers)"
echo "delegated=$(cat /sys/fs/cgroup/cgroup.subtree_control)"
set +e
labgrade-run 20 64 </dev/null 'grep "^0::" /proc/self/cgroup; echo "pids.max=$(cat /sys/fs/cgroup$(sed -n "s/^0:://p" /proc/self/cgroup)/pids.max 2>/dev/null || echo none)"; sleep 600 & echo left-behind; exit 7' >/tmp/run.out 2>&1
echo "run-exit=$?"
set -e
sed 's/^/run: /' /tmp/run.out
sleep 0.5
echo "leftover=$(pgrep -fc 'sleep 600' || true)"
echo "groups-after=$(cd /sys/fs/cgroup && ls -d */ | tr -d / | tr '\n' ' ')"
kill "$engine"
INNER
