// What the run records of outages, apart from the chain that causes them: outage episodes by
// their worst outcome, and IT downtime per simulated year (for the standard error).
//
// An episode opens when a prime source is down (a utility feed, a prime on-site plant) and closes
// once every prime source is back, every transfer switch is on its normal source and every IT rack
// is powered; overlapping outages form one episode. It counts by the worst that happened in it:
// IT lost, then carried by a backup plant, then bridged by UPS batteries, else no impact. An
// episode still open at the end of the run counts as it stands.
#pragma once

#include "models/power/component_interface.hpp"

namespace aidcsim::power {

struct OutageOutcomes {
  long no_impact = 0; // another feed carried the load; no battery used
  long bridged_by_ups = 0;
  long carried_by_gensets = 0; // or by a backup on-site plant
  long it_lost = 0;
  long total() const { return no_impact + bridged_by_ups + carried_by_gensets + it_lost; }
};

// IT downtime per simulated year (minutes, averaged over IT loads), for the standard error.
struct YearlySamples {
  long years = 0;
  double sum = 0, sum_squares = 0;
  void add(double x) {
    ++years;
    sum += x;
    sum_squares += x * x;
  }
};

class OutageRecorder {
public:
  // The chain as it stands after a settle: what its components show, and whether IT is all powered.
  void observe(const OutageSigns& signs, bool it_powered);
  // The fraction of IT loads down over [from, to], booked into yearly samples (split at year ends).
  void book_it_downtime(double from, double to, double fraction);
  // The end of the run at t: an open episode counts, and every whole year is a sample.
  void finish(double t);

  const OutageOutcomes& outcomes() const { return outcomes_; }
  const YearlySamples& yearly_it_downtime_min() const { return yearly_; }
  // Running totals: IT downtime booked so far (minutes, averaged over IT loads), and the times IT
  // went from all powered to not (whatever caused it, inside an episode or not).
  double it_downtime_min_total() const { return yearly_.sum + current_year_min_; }
  long it_loss_onsets() const { return it_loss_onsets_; }

private:
  void close_episode();
  void close_years_before(long year);

  OutageOutcomes outcomes_;
  YearlySamples yearly_;
  long current_year_ = 0;
  double current_year_min_ = 0;
  bool open_ = false;
  bool it_was_powered_ = true;
  long it_loss_onsets_ = 0;
  bool it_lost_ = false, backup_ = false, battery_ = false;
};

} // namespace aidcsim::power
