// Root causes: each IT-loss episode with the chain of faults that led to it, and the run's
// episodes and IT downtime by first cause and by component.
//
// Every component says what is wrong with it now (PowerComponent::fault: "utility outage", "genset
// fail to start", "UPS battery empty"). A chain starts at the first fault after a moment when no
// component had one and gathers each fault as it appears, in time order. An episode opens when an
// IT rack loses power and closes when every IT rack has power again; it keeps the chain so far,
// and its IT downtime is what the run booked meanwhile. Its first cause is the chain's first
// fault that its feeders did not force (a UPS on battery follows an outage); its last cause the
// latest fault before IT was lost (the step that took IT down). Faults of one instant enter the
// chain failures first, forced states after. An episode with no failure in its chain (a capacity
// shortfall) has the cause "no component fault".
//
// Under importance sampling an episode's weight is its regenerative cycle's likelihood ratio,
// known when the cycle closes: episodes wait in the cycle until then (set_weight_pending), and
// their totals come from the estimator, which weights them (regenerative_estimator.hpp).
#pragma once

#include "models/power/power_chain.hpp"
#include "models/power/regenerative_estimator.hpp" // CauseCounts

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace aidcsim::power {

struct Episode {
  double chain_start_s = 0;   // the chain's first fault (the IT loss itself when there is none)
  double it_lost_s = 0;       // an IT rack first lost power
  double end_s = 0;           // every IT rack powered again (the run's end if it never was)
  double it_downtime_min = 0; // IT downtime booked in it (minutes, averaged over IT racks)
  int racks_lost = 0;         // IT racks unpowered at once, at the worst
  int first_cause = 0;        // index into EpisodeRecorder::causes()
  int last_cause = 0;
  std::string first_component; // component id; empty with no fault
  std::string last_component;
  std::string chain; // "grid-a utility outage; +10 s gen-a genset fail to start; ..."
  double weight = 1; // likelihood ratio of its cycle (importance sampling), else 1
};

class EpisodeRecorder {
public:
  static constexpr std::string_view no_fault = "no component fault";
  static constexpr std::size_t max_steps = 12; // steps a chain's text names; later ones are counted

  explicit EpisodeRecorder(const PowerChain& chain);

  // The chain as it stands after a settle, with the run's IT downtime booked so far (minutes).
  void observe(const PowerChain& chain, double it_downtime_min_total);
  // The end of the run: an open episode closes as it stands.
  void finish(const PowerChain& chain, double it_downtime_min_total);

  // Each finished episode, once its weight is known. Set before the run.
  std::function<void(const Episode&)> on_episode;
  // Importance sampling: episodes wait for their cycle's weight (close_cycle).
  void set_weight_pending() { weight_pending_ = true; }
  void close_cycle(double weight);

  const std::vector<std::string>& causes() const { return causes_; } // by index, as they appeared
  // Unweighted running totals, by cause index and by component id (plain runs report these).
  const std::vector<CauseCounts>& by_cause() const { return by_cause_; }
  const std::vector<std::string>& components() const { return components_; } // ids, as they appeared
  const std::vector<CauseCounts>& by_component() const { return by_component_; }
  long episodes() const { return episodes_; }
  // The first episodes of the run, for the report (a run may have millions).
  static constexpr std::size_t examples_kept = 20;
  const std::vector<Episode>& examples() const { return examples_; }

private:
  struct Step {
    double at_s;
    int node;
    std::string fault;
    bool follows = false; // forced by its feeders: never a first cause
  };
  void add_step(Step step);
  int cause_index(std::string_view fault);
  void record_faults(const PowerChain& chain);
  void open(const PowerChain& chain, double it_downtime_min_total);
  void close(const PowerChain& chain, double it_downtime_min_total);
  void deliver(Episode e);
  std::string chain_text(const PowerChain& chain) const;

  std::vector<int> watched_;            // graph nodes that can have a fault (not loads)
  std::vector<std::string> last_fault_; // per watched node
  std::vector<Step> steps_;             // the chain since no component had a fault
  std::vector<Step> following_;         // this instant's forced states, added after its failures
  long more_steps_ = 0;                 // steps past max_steps
  bool any_fault_ = false;

  bool open_ = false;
  Episode current_;
  double downtime_at_open_ = 0;

  std::vector<std::string> causes_;
  std::unordered_map<std::string, int> cause_of_;
  std::vector<CauseCounts> by_cause_;
  std::vector<std::string> components_; // first causes' component ids, in order of appearance
  std::vector<CauseCounts> by_component_;
  long episodes_ = 0;
  std::vector<Episode> examples_;
  bool weight_pending_ = false;
  std::vector<Episode> waiting_; // episodes of the current cycle, until its weight is known
};

} // namespace aidcsim::power
