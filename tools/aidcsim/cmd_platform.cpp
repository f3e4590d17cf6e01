// `aidcsim platform generate` and `aidcsim platform compare`.
#include "engine/base/diagnostics.hpp"
#include "engine/base/output_path.hpp"
#include "engine/input/catalog.hpp"
#include "engine/sim/platform_figures.hpp"
#include "tools/aidcsim/children.hpp"
#include "tools/aidcsim/commands.hpp"
#include "tools/aidcsim/isolated_process.hpp"
#include "tools/platform/generator.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

namespace aidcsim::cli {
namespace {

nlohmann::ordered_json to_json(const PlatformFigures& f) {
  nlohmann::ordered_json j;
  j["file"] = f.file;
  j["accelerators"] = f.accelerators;
  j["scaleup_domains"] = f.scaleup_domains;
  j["bf16_pflops"] = f.bf16_pflops();
  j["hbm_tb"] = f.hbm_tb();
  j["hbm_tbps"] = f.hbm_tbps();
  j["scaleup_gbps"] = f.scaleup_gbps();
  j["scaleout_gbps"] = f.scaleout_gbps();
  j["power_w"] = f.power_full_w;
  j["idle_power_w"] = f.power_idle_w;
  j["w_per_tflop"] = f.w_per_tflop();
  return j;
}

} // namespace

// SimGrid holds one engine per process, so each file is measured in a child process.
// Returns the figures, or prints the error and sets `code`.
std::optional<nlohmann::ordered_json> measure_in_child(const std::string& file, int& code) {
  const ChildOutcome out = run_in_child([&](const std::function<void()>& mark_loaded) {
    return to_json(measure_platform(file, mark_loaded))
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
  switch (out.kind) {
  case ChildOutcome::Kind::ok:
    return nlohmann::ordered_json::parse(out.payload);
  case ChildOutcome::Kind::input_error:
    std::cerr << out.payload;
    code = std::max(code, exit_bad_input);
    return std::nullopt;
  case ChildOutcome::Kind::crashed_while_loading:
    std::cerr << file << ": error: SimGrid rejected this platform (its message is above; the loader "
              << out.how << ")\n";
    code = std::max(code, exit_bad_input);
    return std::nullopt;
  case ChildOutcome::Kind::killed_while_loading:
  case ChildOutcome::Kind::crashed_after_loading:
  case ChildOutcome::Kind::internal_error:
  case ChildOutcome::Kind::output_error: // measuring writes no file
    break;
  }
  std::cerr << file << ": internal error while measuring the platform: "
            << (out.payload.empty() ? out.how : out.payload) << "\n";
  code = std::max(code, exit_internal_error);
  return std::nullopt;
}

namespace {

std::string with_commas(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  std::string digits(buf);
  std::string out;
  const std::size_t start = (digits[0] == '-') ? 1 : 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    out += digits[i];
    const std::size_t left = digits.size() - i - 1;
    if (i >= start && left > 0 && left % 3 == 0)
      out += ',';
  }
  return out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string basename(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void print_table(const std::vector<nlohmann::ordered_json>& systems) {
  struct Row {
    const char* label;
    const char* key;
    int decimals; // -1: integer with thousands separators
  };
  const Row rows[] = {
      {"accelerators", "accelerators", -1},
      {"BF16 dense PFLOPS", "bf16_pflops", 1},
      {"HBM capacity TB", "hbm_tb", 1},
      {"HBM bandwidth TB/s", "hbm_tbps", 1},
      {"scale-up Gb/s (one direction)", "scaleup_gbps", -1},
      {"scale-out Gb/s (one direction)", "scaleout_gbps", -1},
      {"system power W", "power_w", -1},
      {"W per BF16 TFLOP", "w_per_tflop", 2},
  };
  const bool ratio = systems.size() == 2;
  std::printf("%-32s", "figure");
  for (const auto& s : systems)
    std::printf(" %22s", basename(s["file"].get<std::string>()).c_str());
  if (ratio)
    std::printf(" %8s", "ratio");
  std::printf("\n");
  for (const Row& row : rows) {
    std::printf("%-32s", row.label);
    for (const auto& s : systems) {
      const double v = s[row.key].get<double>();
      std::printf(" %22s", (row.decimals < 0 ? with_commas(v) : fixed(v, row.decimals)).c_str());
    }
    if (ratio) {
      const double a = systems[0][row.key].get<double>();
      const double b = systems[1][row.key].get<double>();
      std::printf(" %8s", a > 0 ? (fixed(b / a, 1) + "x").c_str() : "-");
    }
    std::printf("\n");
  }
}

} // namespace

int platform_generate_command(const GenerateArgs& args) {
  if (!args.catalog_given && !std::filesystem::exists(args.catalog)) {
    std::cerr << args.catalog
              << ": error: file not found (the default catalog, read from the current folder: run from the "
                 "aidcsim folder or give --catalog FILE)\n";
    return exit_bad_input;
  }
  try {
    const Catalog catalog = load_catalog(args.catalog);
    platform::GeneratorOptions opt;
    opt.system_id = args.system;
    opt.pods = args.pods;
    opt.oversubscription = args.oversubscription;
    platform::check_options(catalog, opt);
    check_output_file(args.output, args.parents); // before anything is written
    platform::generate_platform_file(catalog, opt, args.output);
  } catch (const InputError& e) {
    std::cerr << e.what();
    return exit_bad_input;
  } catch (const std::invalid_argument& e) {
    std::cerr << "aidcsim platform generate: " << e.what() << "\n";
    return exit_bad_input;
  } catch (const OutputError& e) {
    std::cerr << "aidcsim platform generate: -o: " << e.what() << "\n";
    return exit_bad_input;
  }
  return exit_ok;
}

int platform_compare_command(const CompareArgs& args) {
  std::vector<nlohmann::ordered_json> systems;
  int code = exit_ok;
  for (const auto& file : args.files) // every file, so all errors are reported at once
    if (auto figures = measure_in_child(file, code))
      systems.push_back(std::move(*figures));
  if (code != exit_ok)
    return code;
  if (args.json) {
    nlohmann::ordered_json out;
    out["systems"] = systems;
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    print_table(systems);
  }
  return exit_ok;
}

} // namespace aidcsim::cli
