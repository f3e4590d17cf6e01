// What the facility's sources and UPS systems see of the IT load's dynamics over a run: the load
// steps at instants where loads change (a job starting, failing, checkpointing; racks losing or
// regaining power), and between events the swing of the training job's step, for every source
// in proportion to the job's accelerators it feeds.
//
// The binding calls observe(t, ...) after every change of the facility at time t, with each
// monitored node's mean load, the number of swinging accelerators it carries (through the power
// chain: a UPS on battery passes nothing up) and the load change since the instant began, also
// carried up the chain. Between two observations every figure is constant, so times above a limit
// add up exactly.
//
// A step is any change of a node's load at an instant: a transfer to the gensets is a drop of the
// whole load for the grid (the July 2024 event in Virginia, docs/MODELS.md). A genset plant is
// checked against its load acceptance for the job's own steps and swing only: the load a transfer
// brings comes through UPS rectifiers, which walk it in over seconds.
//
// A genset plant carrying a swing or taking a step is checked against its load acceptance
// (load_acceptance.hpp): an up-step from the preload it had before the instant, and the swing's
// up-step from its trough.
#pragma once

#include "models/dynamics/dynamics_spec.hpp"
#include "models/dynamics/power_wave.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aidcsim::dynamics {

struct MonitoredNode {
  std::string id;
  std::string kind; // utility, gensets, onsite, ups
  double rating_kw = 0;
  bool grid = false; // a utility feed: facility storage and grid limits apply
  std::optional<LoadAcceptanceSpec> acceptance;
};

struct NodeView {
  double load_kw = 0;     // mean
  double swinging = 0;    // accelerators whose step swing reaches the node
  double step_kw = 0;     // load change since the instant began, whatever its cause
  double job_step_kw = 0; // of which the training job's own (its state, its racks' power)
  double capacity_kw = 0; // running capacity (a genset plant's running units), else the rating
  // Of the step, what the cooling loads that follow the heat (pumps, chillers) changed. The model's
  // cooling draws follow the racks at once; real ones follow over their control loops' seconds to
  // minutes, so a plant checking a step does not count them in the step nor in its preload. (Any
  // change of those loads in the instant counts: a chiller ending its restart at the instant of a
  // job's step is taken out of the preload too, a lenient error.)
  double following_kw = 0;
};

struct NodeFigures {
  double largest_step_kw = 0, largest_step_at_s = -1; // absolute, up or down
  double largest_up_step_kw = 0;
  double largest_job_step_kw = 0; // the job's own steps (its state changes), up or down
  double max_swing_kw = 0;        // peak to peak
  double swing_frequency_hz = 0;  // of that swing
  double max_fundamental_kw = 0;  // amplitude of its first harmonic
  double max_band_rms_kw = 0;     // RMS in the grid limits' band
  double max_ramp_kw_per_s = 0;   // steepest finite ramp of the swing (0 when it only steps)
  bool swing_steps = false;       // the swing changes in steps (no ramp limit)
  double swinging_s = 0;          // time with a swing
  double swing_above_limit_s = 0; // band RMS above the grid's swing limit
  double ramp_above_limit_s = 0;  // ramp (or a step) above the grid's ramp limit
  // Genset plants: steps and swings beyond the load acceptance.
  long steps_beyond_acceptance = 0;
  double worst_frequency_dip = 0;
  double swing_beyond_acceptance_s = 0;
};

class SwingMonitor {
public:
  // `wave`: one swinging accelerator's draw over a step, as the rack passes it on (after the
  // driver's smoothing and rack storage). `facility_storage` smooths what the utility feeds see.
  SwingMonitor(std::vector<MonitoredNode> nodes, PowerWave wave, std::optional<StorageSpec> facility_storage,
               GridLimits grid);

  // At time t (not before the last observation), the nodes' view, in the order of the nodes;
  // `origin_s`: when the job's steps began (its wave starts a step there).
  void observe(double t, const std::vector<NodeView>& view, double origin_s = 0);
  void finish(double t);

  // The detailed power trace of [from_s, to_s]: every node's power at each breakpoint of its
  // swing (and at the window's and the events' edges), in time order per interval.
  void set_detail_window(double from_s, double to_s) {
    detail_from_ = from_s;
    detail_to_ = to_s;
  }
  struct TraceRow {
    double t_s;
    int node;
    double power_kw;
  };
  const std::vector<TraceRow>& trace() const { return trace_; }

  const std::vector<MonitoredNode>& nodes() const { return nodes_; }
  const std::vector<NodeFigures>& figures() const { return figures_; }
  const PowerWave& wave() const { return wave_; }
  // Facility storage: energy discharged smoothing the swing, and lost in its round trips (kWh).
  double facility_storage_discharged_kwh() const { return storage_discharged_j_ / 3.6e6; }
  double facility_storage_loss_kwh() const { return storage_loss_j_ / 3.6e6; }

private:
  struct Shape { // the swing of n accelerators at a node
    double swing_w, fundamental_w, band_rms_w, ramp_w_per_s, up_step_w, trough_below_mean_w, step_w;
    bool steps;
  };
  Shape shape_of(const PowerWave& w) const;
  // The swing at node i with n accelerators swinging: n times one accelerator's (every figure is
  // linear in the wave), or the node's share of what the facility storage leaves of the feeds'.
  Shape shape_at(std::size_t i, double n);
  struct GridShape {
    Shape shape;
    double discharged_w, loss_w; // the storage's, per second
    PowerWave source;            // what the feeds see together
  };
  PowerWave wave_at(std::size_t i, double n);
  void record_trace(double t0, double t1);
  const GridShape& grid_shape(double total);
  void integrate(double t);
  void note_step(std::size_t i, const NodeView& v, double t);
  void note_swing(std::size_t i, const Shape& s, double dt);

  std::vector<MonitoredNode> nodes_;
  PowerWave wave_;
  std::optional<StorageSpec> storage_;
  GridLimits grid_;
  std::vector<NodeFigures> figures_;
  std::vector<NodeView> last_;
  double last_t_ = 0, origin_ = 0;
  double detail_from_ = 0, detail_to_ = -1;
  std::vector<TraceRow> trace_;
  bool started_ = false;
  Shape one_;                               // one accelerator's swing
  std::map<double, GridShape> grid_shapes_; // by the utility feeds' total count
  double grid_total_ = 0;                   // swinging accelerators on the feeds, last observed
  std::vector<double> beyond_at_;           // per node: the instant its last step beyond acceptance counted
  double storage_discharged_j_ = 0, storage_loss_j_ = 0;
};

} // namespace aidcsim::dynamics
