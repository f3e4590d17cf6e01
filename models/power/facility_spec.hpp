// The facility's power chain as data: what the scenario's `facility:` section describes, after
// units are checked. Components name the component that feeds them; the power graph
// (power_graph.hpp) turns the names into edges and validates the whole.
#pragma once

#include "models/dynamics/load_acceptance.hpp"
#include "models/faults/distribution.hpp"
#include "models/power/battery_storage.hpp"
#include "models/power/onsite_plant_spec.hpp"
#include "models/power/spec_parts.hpp"
#include "models/power/ups_battery.hpp"
#include "models/thermal/rack_loop.hpp"
#include "models/thermal/water_loop.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace aidcsim::power {

struct UtilitySpec {
  static constexpr std::string_view kind_name = "utility feed";
  static constexpr std::string_view stream_name = "utility";
  static constexpr bool is_source = true;
  std::string id;
  Interruptions outages;
  // Major-event days (storms and the like), a second Poisson process of outages on the same feed,
  // rarer and far longer: what separates a utility's reliability figures with and without major
  // events (published-figures: EIA SAIFI 1.348 and 1.022, SAIDI 366.6 and 123.9 min). Off unless
  // given.
  Interruptions major_events;

  std::vector<SpecInput> inputs() const { return {}; }
  OutputRule output_rule() const { return OutputRule::anywhere; }
  double output_per_input_kw() const { return 1.0; }
};

struct GensetPlantSpec {
  static constexpr std::string_view kind_name = "genset plant";
  static constexpr std::string_view stream_name = "genset";
  static constexpr bool is_source = true;
  std::string id;
  double unit_rating_kw = 0;
  UnitSizing sizing;
  int units = 0;             // installed units, resolved from `sizing` and the design load
  int units_needed = 0;      // N: units that carry the design load
  double start_delay_s = 10; // start and carry (NFPA 110 Type 10)
  double fail_to_start = 0;  // probability per unit per start attempt
  int start_attempts = 1;    // attempts per unit per demand
  double retry_delay_s = 0;  // between attempts
  double fail_while_running_per_s = 0;
  // Beta factor (common cause), as for repairable units (spec_parts.hpp): a fraction beta of
  // fail_to_start is one event per demand that fails every unit's every attempt, and of
  // fail_while_running one clock that stops every running unit. 0: independent units.
  double common_cause_beta = 0;
  // A failed unit's repair while the plant is demanded, after which it starts again; without
  // one (mean 0), failed units wait for the demand to end (fine for outages of hours, not for a
  // transformer's weeks of repair).
  faults::DurationDistribution unit_repair = faults::DurationDistribution::fixed(0);
  double fuel_tank_s = 0;        // runtime on a full tank at the design load; 0 = unlimited
  double refuel_lead_time_s = 0; // first delivery after a start, then one per lead time
  using LoadShedding = power::LoadShedding;
  LoadShedding load_shedding = LoadShedding::none;
  // The load steps the plant accepts once running (ISO 8528-5; models/dynamics/load_acceptance.hpp).
  dynamics::LoadAcceptanceSpec step_acceptance{};

  std::vector<SpecInput> inputs() const { return {}; }
  // Gensets start on demand: they enter the chain only where a transfer switch starts them.
  OutputRule output_rule() const { return OutputRule::starting_input_only; }
  double output_per_input_kw() const { return 1.0; }
};

enum class SwitchKind { ats, sts };

// Open-transition time of a switch of this kind when the scenario gives none (docs/MODELS.md:
// an ATS about 100 ms, weak; an STS a quarter cycle at 60 Hz, 4.2 ms, taken as 4 ms).
constexpr double default_transfer_s(SwitchKind kind) {
  return kind == SwitchKind::sts ? 0.004 : 0.1;
}

struct TransferSwitchSpec {
  static constexpr std::string_view kind_name = "transfer switch";
  static constexpr std::string_view stream_name = "switch";
  static constexpr bool is_source = false;
  std::string id;
  SwitchKind kind = SwitchKind::ats;
  std::string normal;              // preferred source
  std::string alternate;           // used while the normal source is down
  double transfer_s = 0;           // open transition: the output is dead for this long
  double retransfer_after_s = 300; // normal must be back this long before returning to it
  Interruptions failures;          // a failed switch is stuck where it is until repaired

  // The alternate is started when the switch needs it (a genset or backup plant).
  std::vector<SpecInput> inputs() const { return {{"normal", normal}, {"alternate", alternate, true}}; }
  OutputRule output_rule() const { return OutputRule::anywhere; }
  double output_per_input_kw() const { return 1.0; }
};

struct UpsSpec {
  static constexpr std::string_view kind_name = "UPS";
  static constexpr std::string_view stream_name = "ups";
  static constexpr bool is_source = false;
  std::string id;
  std::string fed_by;
  double rating_kw = 0;          // usable capacity with all non-redundant modules (N)
  double rating_fraction = 0;    // when rated as a percentage of its design load (resolved to rating_kw)
  double recharge_default_s = 0; // with such a rating: recharge the battery in this long (0: explicit)
  int modules = 1;
  int redundant_modules = 0;     // N+1 -> 1
  UpsBatterySpec battery;        // battery.rated_kw = rating_kw
  double efficiency = 1.0;       // output / input
  Interruptions module_failures; // per module: failure rate and repair time
  double module_kw() const { return rating_kw / (modules - redundant_modules); }

  std::vector<SpecInput> inputs() const { return {{"fed_by", fed_by}}; }
  OutputRule output_rule() const { return OutputRule::anywhere; }
  double output_per_input_kw() const { return efficiency; }
};

enum class DistributionKind { transformer, switchgear, pdu, busway, cable };

struct DistributionSpec {
  static constexpr std::string_view kind_name = "distribution component";
  static constexpr std::string_view stream_name = "distribution";
  static constexpr bool is_source = false;
  std::string id;
  DistributionKind kind = DistributionKind::pdu;
  std::string fed_by;
  double rating_kw = 0;   // 0: not a constraint
  Interruptions failures; // failure rate and repair time

  std::vector<SpecInput> inputs() const { return {{"fed_by", fed_by}}; }
  OutputRule output_rule() const { return OutputRule::anywhere; }
  double output_per_input_kw() const { return 1.0; }
};

enum class LoadKind { rack, cdu, crah, chiller, dry_cooler, cooling_tower, other };

struct LoadSpec {
  static constexpr std::string_view kind_name = "load";
  static constexpr std::string_view stream_name = "load";
  static constexpr bool is_source = false;
  std::string id;
  LoadKind kind = LoadKind::rack;
  std::vector<std::string> fed_by; // one cord, or two (A/B) for dual-corded racks
  double load_kw = 0;
  int priority = 0;          // lower is shed first when capacity is short
  std::string platform_rack; // SimGrid hosts whose "rack" property matches; may be empty
  double boot_s = 0;         // service returns this long after power does
  // A cooling load that follows the heat: with cop > 0 it draws the heat of the IT loads it
  // serves divided by its coefficient of performance (load_kw is then its design draw).
  double cop = 0;
  std::vector<std::string> serves; // ids of IT loads; empty: all of them
  // A heat rejection unit (chiller, dry cooler, cooling tower) on the facility water loop: the heat
  // it can take out. It runs `boot_s` (its restart delay) after power returns and then draws the
  // heat it removes over its COP (or its fixed load without one).
  double capacity_kw = 0;
  // The restart of a heat rejection unit on a modelled water loop when the scenario gives none:
  // a conventional chiller needs 4-8 min to run again after a power loss (docs/MODELS.md).
  static constexpr double default_restart_s = 300;
  // A cooling load's own failures (a chiller, a CDU's pumps, a CRAH's fans): failed, it stops as
  // if unpowered until repaired. An IT rack's failures are the workload's (workload.failures).
  Interruptions failures;
  bool it() const { return kind == LoadKind::rack; }
  // Whether this cooling load moves the heat of `rack`: an IT load it names in `serves`, or any.
  bool serves_rack(const LoadSpec& rack) const {
    return rack.it() && (serves.empty() || std::find(serves.begin(), serves.end(), rack.id) != serves.end());
  }
  bool rejects_heat() const {
    return kind == LoadKind::chiller || kind == LoadKind::dry_cooler || kind == LoadKind::cooling_tower;
  }

  std::vector<SpecInput> inputs() const {
    std::vector<SpecInput> in;
    for (const auto& f : fed_by)
      in.push_back({"fed_by", f});
    return in;
  }
  OutputRule output_rule() const { return OutputRule::nowhere; }
  double output_per_input_kw() const { return 1.0; }
};

// A rack's liquid-cooling loop (models/thermal/rack_loop.hpp), whose CDU pumps are a load of the
// power chain: when that load loses power the pumps stop and the rack heats up.
struct CoolingLoopSpec {
  std::string rack;                      // id of an IT load (kind rack)
  std::string pumps;                     // id of the load that powers the CDU pumps; empty: always on
  thermal::RackLoopSpec loop;            // design_heat_w = the rack's load
  double facility_water_c = 30;          // CDU supply from the facility water loop
  double throttled_heat_fraction = 0.26; // heat of a throttled rack, as a fraction of full load
};

// A battery energy storage system (battery_storage.hpp): peak shaving and ride-through.
struct BatteryStorageSpec {
  static constexpr std::string_view kind_name = "battery storage";
  static constexpr std::string_view stream_name = "storage";
  static constexpr bool is_source = false;
  std::string id;
  std::string fed_by;
  BatteryStorageParams params;

  std::vector<SpecInput> inputs() const { return {{"fed_by", fed_by}}; }
  OutputRule output_rule() const { return OutputRule::anywhere; }
  double output_per_input_kw() const { return 1.0; }
};

struct FacilitySpec {
  std::vector<UtilitySpec> utilities;
  std::vector<GensetPlantSpec> gensets;
  std::vector<OnsitePlantSpec> onsite;
  std::vector<TransferSwitchSpec> switches;
  std::vector<UpsSpec> ups;
  std::vector<DistributionSpec> distribution;
  std::vector<LoadSpec> loads;
  std::vector<BatteryStorageSpec> storage; // last: facilities without it number their nodes as before
  std::vector<CoolingLoopSpec> cooling_loops;
  // The facility water loop, when its plant is modelled; otherwise each loop's water is fixed.
  std::optional<thermal::WaterLoopSpec> facility_water;
  // `component_failures: typical`: every component that names no failure figures takes its
  // kind's typical ones (typical_failures.hpp).
  bool typical_failures = false;
  bool empty() const { return utilities.empty() && gensets.empty() && loads.empty(); }
  // The registry of component kinds, data side: every list of components, in the order the power
  // graph numbers nodes (random streams and results follow it). Kind k's component is
  // alternative k of Component (component.hpp), which asserts that the two agree.
  template <class Self> static auto lists_of(Self& s) {
    return std::tie(s.utilities, s.gensets, s.onsite, s.switches, s.ups, s.distribution, s.loads, s.storage);
  }
  auto lists() { return lists_of(*this); }
  auto lists() const { return lists_of(*this); }
  // The IT loads (indices into loads) whose heat cooling load `load` moves: those it `serves`,
  // or every IT load. Empty for a load without a COP and for a heat rejection unit.
  std::vector<int> served_racks(std::size_t load) const;
};

// The kinds as the registry (FacilitySpec::lists) orders them: their number, the spec type of
// kind K, and the kind of a spec type.
using SpecLists = decltype(std::declval<const FacilitySpec&>().lists());
inline constexpr std::size_t kind_count = std::tuple_size_v<SpecLists>;
template <std::size_t K>
using SpecOf = typename std::remove_cvref_t<std::tuple_element_t<K, SpecLists>>::value_type;
namespace detail {
template <class Spec, std::size_t... K> constexpr int kind_index(std::index_sequence<K...>) {
  int kind = -1;
  ((kind = std::is_same_v<SpecOf<K>, Spec> ? static_cast<int>(K) : kind), ...);
  return kind;
}
template <std::size_t... K> constexpr bool all_component_specs(std::index_sequence<K...>) {
  return (ComponentSpec<SpecOf<K>> && ...);
}
} // namespace detail
template <class Spec>
inline constexpr int kind_of = detail::kind_index<Spec>(std::make_index_sequence<kind_count>{});
static_assert(detail::all_component_specs(std::make_index_sequence<kind_count>{}),
              "every list in FacilitySpec::lists() holds a ComponentSpec (spec_parts.hpp)");

// Calls f(spec) with the spec of component `index` of kind `kind`.
template <class F> void visit_spec(const FacilitySpec& spec, int kind, int index, F&& f) {
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    ((kind == static_cast<int>(K) ? (f(std::get<K>(spec.lists())[index]), 0) : 0), ...);
  }
  (std::make_index_sequence<kind_count>{});
}

// A kind's name, as messages say it ("genset plant"), and whether power enters the facility there.
std::string_view kind_name(int kind);
bool kind_is_source(int kind);

} // namespace aidcsim::power
