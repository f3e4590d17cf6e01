#include "engine/sim/host_power_watch.hpp"

#include <simgrid/s4u/Activity.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>

#include <algorithm>
#include <numeric>

namespace aidcsim {

namespace sg4 = simgrid::s4u;

HostPowerWatch* HostPowerWatch::current_ = nullptr;

void HostPowerWatch::connect_once() {
  static bool connected = false;
  if (connected)
    return;
  connected = true;
  auto on_host = [](const sg4::Host& h) {
    if (current_ != nullptr)
      current_->mark_host(&h);
  };
  auto on_activity = [](const sg4::Activity& a) {
    if (current_ != nullptr)
      current_->mark_exec_hosts(a);
  };
  sg4::Host::on_state_change_cb(on_host);
  sg4::Host::on_speed_change_cb(on_host);
  sg4::Exec::on_start_cb(on_activity);
  sg4::Activity::on_completion_cb(on_activity);
  sg4::Activity::on_suspended_cb(on_activity);
  sg4::Activity::on_resumed_cb(on_activity);
}

HostPowerWatch::HostPowerWatch(const std::vector<std::vector<sg4::Host*>>& hosts_of_load)
    : changed_(hosts_of_load.size(), 0) {
  for (std::size_t l = 0; l < hosts_of_load.size(); ++l)
    for (const sg4::Host* h : hosts_of_load[l])
      load_of_host_.emplace(h, static_cast<int>(l));
  connect_once();
  current_ = this; // a new engine's watch takes over from one left by an earlier engine
}

HostPowerWatch::~HostPowerWatch() {
  if (current_ == this)
    current_ = nullptr;
}

void HostPowerWatch::mark_exec_hosts(const sg4::Activity& activity) {
  const auto* e = dynamic_cast<const sg4::Exec*>(&activity);
  if (e == nullptr)
    return; // communications do not change what a host draws
  if (e->get_host_number() == 1)
    mark_host(e->get_host());
  else
    mark_all();
}

void HostPowerWatch::mark_host(const sg4::Host* host) {
  if (const auto it = load_of_host_.find(host); it != load_of_host_.end())
    mark(it->second);
}

void HostPowerWatch::mark(int load) {
  if (all_ || changed_[load])
    return;
  changed_[load] = 1;
  list_.push_back(load);
}

void HostPowerWatch::mark_all() {
  all_ = true;
}

std::vector<int> HostPowerWatch::take_changed() {
  std::vector<int> out;
  if (all_) { // every load; those already listed are among them
    out.resize(changed_.size());
    std::iota(out.begin(), out.end(), 0);
  } else {
    out.swap(list_);
    std::sort(out.begin(), out.end());
  }
  for (const int l : list_)
    changed_[l] = 0;
  for (const int l : out)
    changed_[l] = 0;
  list_.clear();
  all_ = false;
  return out;
}

} // namespace aidcsim
