# Command-line tests (see aidcsim_cli_test in test/CMakeLists.txt). Exit code 2 means bad input.

# The default scenario (what `make run` runs): 145 kWh within 1% (144.0 to 145.9).
aidcsim_cli_test(run_default 0 "IT energy +14(4\\.[0-9]|5\\.[0-9])[0-9]* kWh" run scenarios/default.yaml)
aidcsim_cli_test(run_default_json 0 "\"it_energy_kwh\": 14(4\\.[0-9]|5\\.[0-9])" run scenarios/default.yaml --json)
aidcsim_cli_test(run_duration_override 0 "IT energy +72\\.50[0-9] kWh" run scenarios/default.yaml --duration "30 min")
aidcsim_cli_test(run_bad_duration_override 2 "--duration '30 parsecs': unknown unit 'parsecs'" run scenarios/default.yaml
                 --duration "30 parsecs")
aidcsim_cli_test(run_missing_scenario 2 "no-such\\.yaml: error: file not found" run scenarios/no-such.yaml)
aidcsim_cli_test(run_malformed_platform 2 "malformed-platform\\.xml:6: error: invalid platform"
                 run test/data/bad/malformed-platform.yaml)
aidcsim_cli_test(run_platform_simgrid_aborts_on 2 "energy-profile-mismatch\\.xml: error: SimGrid rejected this platform"
                 run test/data/bad/energy-profile-mismatch.yaml)
aidcsim_cli_test(run_accelerator_without_power 2
                 "no-power-profile\\.xml: error: key 'wattage_per_state': accelerator host 'a' has no power profile"
                 run test/data/bad/no-power-profile.yaml)
aidcsim_cli_test(run_accelerator_zero_speed 2 "zero-speed\\.xml: error: key 'speed'.*speed must be greater than zero"
                 run test/data/bad/zero-speed.yaml)
aidcsim_cli_test(run_non_utf8_name 0 "\"name\": \"caf.+ rack\"" run test/data/latin1-name.yaml --json)
aidcsim_cli_test(run_seed_override 0 "\"seed\": 42," run scenarios/default.yaml --seed 42 --json)
aidcsim_cli_test(run_seed_too_large 2 "--seed '18446744073709551616': expected a whole number from 0 to 9223372036854775807"
                 run scenarios/default.yaml --seed 18446744073709551616)
aidcsim_cli_test(run_seed_negative 2 "--seed '-1': expected a whole number" run scenarios/default.yaml --seed -1)
aidcsim_cli_test(run_no_arguments 2 "scenario is required" run)
# A rack bound to its hosts under a computing workload, over years of outages: the same IT downtime
# as the unbound validation run with this seed (484.366 min over 5 years), and no internal error.
aidcsim_cli_test(run_bound_rack_years 0 "\"it_downtime_min\": 484\\.366" run test/data/ups-only-bound-rack.yaml --json)

add_test(NAME cli.run_writes_metrics
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/cli-out/metrics.json
                 "-DEXPECT_FILE_REGEX=\"it_energy_kwh\": 14[45]\\."
                 -DCOMMAND=$<TARGET_FILE:aidcsim>|run|scenarios/default.yaml|--out|${CMAKE_BINARY_DIR}/cli-out
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# Provenance: the version line, and metrics.json and the timeline naming the build, the scenario and
# the SHA-256 of its bytes.
aidcsim_cli_test(version 0 "^aidcsim [0-9]+\\.[0-9]+\\.[0-9]+ \\(git [0-9a-f]+(-dirty)?|unknown, [A-Za-z]+ build, SimGrid 3\\.[0-9]+"
                 --version)
aidcsim_cli_file_test(metrics_provenance 0 ${CMAKE_BINARY_DIR}/cli-provenance/metrics.json
  "^{\n  \"provenance\": {\n    \"aidcsim_version\": \"[0-9.]+\",\n    \"git_revision\": .*\"scenario_file\": \"scenarios/default.yaml\""
  SHA256_OF scenarios/default.yaml
  run scenarios/default.yaml --out ${CMAKE_BINARY_DIR}/cli-provenance)
aidcsim_cli_file_test(timeline_provenance 0 ${CMAKE_BINARY_DIR}/cli-provenance-tl/timeline.csv
  "^# aidcsim_version: [0-9.]+\n# git_revision: .*\n# scenario_name: genset fails to start, 5 min of UPS\n.*# platform_sha256: [0-9a-f]+\ntime_s,component,"
  SHA256_OF scenarios/power/genset-fail-to-start.yaml
  run scenarios/power/genset-fail-to-start.yaml --out ${CMAKE_BINARY_DIR}/cli-provenance-tl)

# Every bad scenario fixture: exit code 2 and a file:line:col error.
file(GLOB bad_scenarios RELATIVE ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/test/data/bad/*.yaml)
foreach(f IN LISTS bad_scenarios)
  get_filename_component(stem ${f} NAME_WE)
  if(stem MATCHES "^(malformed-platform|energy-profile-mismatch|no-power-profile|zero-speed)$")
    continue() # their errors are in the XML files, checked above
  endif()
  aidcsim_cli_test(bad_${stem} 2 "${stem}\\.yaml:[0-9]+:[0-9]+: error: " run ${f})
endforeach()

# Every bad facility and workload fixture: exit code 2 and a file:line:col error, including what
# only the loaded platform can tell (a rack bound to a platform rack that does not exist, a job
# larger than the platform, a tensor-parallel group across domains).
foreach(kind IN ITEMS facility workload)
  file(GLOB fixtures RELATIVE ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/test/data/bad-${kind}/*.yaml)
  foreach(f IN LISTS fixtures)
    get_filename_component(stem ${f} NAME_WE)
    aidcsim_cli_test(bad_${kind}_${stem} 2 "${stem}\\.yaml:[0-9]+:[0-9]+: error: " run ${f})
  endforeach()
endforeach()

# The founding document's seed table, computed from the two platform files.
aidcsim_cli_test(compare_seed_table 0
                 "accelerators +72 +384 +5\\.3x.*BF16 dense PFLOPS +180\\.0 +299\\.5 +1\\.7x.*system power W +145,000 +599,821 +4\\.1x.*W per BF16 TFLOP +0\\.81 +2\\.00 +2\\.5x"
                 platform compare platforms/gb200-nvl72.xml platforms/cloudmatrix384.xml)
aidcsim_cli_test(compare_json 0
                 "\"systems\": \\[.*\"accelerators\": 72,.*\"scaleup_gbps\": 518400\\.0,.*\"accelerators\": 384,.*\"scaleout_gbps\": 153600\\.0,"
                 platform compare platforms/gb200-nvl72.xml platforms/cloudmatrix384.xml --json)
aidcsim_cli_test(compare_missing_file 2 "no-such\\.xml: error: platform file not found" platform compare
                 platforms/no-such.xml)
aidcsim_cli_test(compare_malformed 2 "malformed-platform\\.xml:6: error: invalid platform" platform compare
                 test/data/bad/malformed-platform.xml)
aidcsim_cli_test(compare_platform_simgrid_aborts_on 2
                 "energy-profile-mismatch\\.xml: error: SimGrid rejected this platform" platform compare
                 platforms/gb200-nvl72.xml test/data/bad/energy-profile-mismatch.xml)
aidcsim_cli_test(compare_accelerator_without_power 2 "has no power profile" platform compare
                 test/data/bad/no-power-profile.xml)
add_test(NAME cli.generate_unknown_system
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=2 "-DEXPECT_REGEX=unknown system 'nvl27'.*did you mean 'nvl72'"
                 -DEXPECT_NO_FILES=${CMAKE_BINARY_DIR}/never-created/*
                 -DCOMMAND=$<TARGET_FILE:aidcsim>|platform|generate|--system|nvl27|-o|${CMAKE_BINARY_DIR}/never-created/x.xml
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
aidcsim_cli_test(generate_zero_pods 2 "--pods: Value 0 not in range" platform generate --system nvl72 --pods 0
                 -o ${CMAKE_BINARY_DIR}/never.xml)
aidcsim_cli_test(generate_bad_catalog 2 "no-such\\.yaml: error: file not found" platform generate --catalog
                 platforms/no-such.yaml --system nvl72 -o ${CMAKE_BINARY_DIR}/never.xml)

# 1,389 NVL72 racks = 100,008 GPUs: the generated platform must load in SimGrid.
aidcsim_cli_test(generate_100k 0 "" platform generate --system nvl72 --pods 1389 -o ${CMAKE_BINARY_DIR}/nvl72-x1389.xml)
aidcsim_cli_test(load_100k 0 "\"accelerators\": 100008,.*\"scaleup_domains\": 1389,.*\"bf16_pflops\": 250019\\.9"
                 platform compare ${CMAKE_BINARY_DIR}/nvl72-x1389.xml --json)
set_tests_properties(cli.generate_100k PROPERTIES FIXTURES_SETUP platform_100k)
set_tests_properties(cli.load_100k PROPERTIES FIXTURES_REQUIRED platform_100k TIMEOUT 300)

# Power-chain scenarios: each one's headline, as its comment states.
aidcsim_cli_test(power_sag_2s 0 "\"it_downtime_min\": 0\\.0,.*\"bridged_by_ups\": 1,.*\"min_ups_state_of_charge\": 0\\.99666"
                 run scenarios/power/sag-2s.yaml --json)
aidcsim_cli_test(power_outage_45min_n_plus_1 0
                 "\"it_downtime_min\": 0\\.0,.*\"carried_by_gensets\": 1,.*\"genset_run_hours\": 2\\.49.*\"genset_starts\": 3,"
                 run scenarios/power/outage-45min-n-plus-1.yaml --json)
aidcsim_cli_test(power_genset_fail_to_start 0
                 "\"it_energy_kwh\": 314\\.1666.*\"it_downtime_min\": 40\\.0,.*\"it_service_downtime_min\": 50\\.0,.*\"unserved_it_energy_kwh\": 96\\.666.*\"it_lost\": 1"
                 run scenarios/power/genset-fail-to-start.yaml --json)
# The run ends 5 min after the battery emptied, with the outage still open: it is counted as lost IT.
aidcsim_cli_test(power_episode_open_at_the_end 0
                 "\"it_downtime_min\": 5\\.0,.*\"unserved_it_energy_kwh\": 12\\.08.*\"it_lost\": 1"
                 run scenarios/power/genset-fail-to-start.yaml --duration "70 min" --json)
aidcsim_cli_test(power_2n_ups_one_side_failed 0 "\"it_downtime_min\": 0\\.0,.*\"min_ups_state_of_charge\": 0\\.5,"
                 run scenarios/power/2n-ups-one-side-failed.yaml --json)
aidcsim_cli_test(power_nerc_sag_train 0 "\"it_downtime_min\": 0\\.0,.*\"utility_outages\": 6,.*\"bridged_by_ups\": 6,"
                 run scenarios/power/nerc-sag-train.yaml --json)
aidcsim_cli_test(power_tier3_like 0 "\"simulated_years\": 20000\\.0,.*\"power_availability\": 0\\.99999"
                 run scenarios/power/tier3-like-utility-genset-only.yaml --years 20000 --json)
aidcsim_cli_test(power_tier4_like 0 "\"simulated_years\": 20000\\.0,.*\"power_availability\": (1\\.0|0\\.99999)"
                 run scenarios/power/tier4-like-utility-genset-only.yaml --years 20000 --json)
aidcsim_cli_test(run_years_and_duration 2 "give --duration or --years, not both" run scenarios/power/sag-2s.yaml
                 --years 2 --duration "1 h")

# The timeline of a run: every state change, with time, component, state, load and charge.
add_test(NAME cli.power_timeline_csv
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/timeline-out/timeline.csv
                 "-DEXPECT_FILE_REGEX=# platform_sha256: [0-9a-f]+\ntime_s,component,kind,state,load_kw,state_of_charge,coolant_c,chip_c\n0\\.000000,grid,utility,up,145\\.000,,,\n.*3600\\.000000,ups,ups,on battery,145\\.000,1\\.000000,,.*3610\\.000000,gen,gensets,failed.*3900\\.000000,rack,rack,unpowered,0\\.000,.*6300\\.000000,rack,rack,booting,145\\.000,.*6900\\.000000,rack,rack,powered,145\\.000,"
                 -DCOMMAND=$<TARGET_FILE:aidcsim>|run|scenarios/power/genset-fail-to-start.yaml|--out|${CMAKE_BINARY_DIR}/timeline-out
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# Root causes: the genset that fails to start, as episodes.csv tells it, and the JSON's totals.
add_test(NAME cli.power_episodes_csv
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/episodes-out/episodes.csv
                 "-DEXPECT_FILE_REGEX=# platform_sha256: [0-9a-f]+\nchain_start_s,it_lost_s,end_s,it_downtime_min,racks_lost,first_cause,first_component,last_cause,last_component,weight,chain\n3600,3900,6300,40,1,utility outage,grid,UPS battery empty,ups,1,grid utility outage\; \\+0 s ups UPS on battery\; \\+10 s gen genset fail to start\; \\+5 min ups UPS battery empty\; \\+5 min IT lost\n$"
                 -DCOMMAND=$<TARGET_FILE:aidcsim>|run|scenarios/power/genset-fail-to-start.yaml|--out|${CMAKE_BINARY_DIR}/episodes-out
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
aidcsim_cli_test(power_episodes_by_cause 0
                 "\"episodes\": \\{\n *\"count\": 1,\n *\"by_first_cause\": \\{\n *\"utility_outage\": \\{\n *\"cause\": \"utility outage\",\n *\"episodes\": 1,\n *\"it_downtime_min\": 40\\.0,"
                 run scenarios/power/genset-fail-to-start.yaml --json)
aidcsim_cli_test(power_bad_failures_word 2 "key 'facility.distribution\\[0\\].failures' = 'typcal': expected 'typical', 'none'"
                 run test/data/bad-facility/failures-bad-word.yaml)

# Same seed, same output, byte for byte.
add_test(NAME cli.power_same_seed_same_output
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_SAME_TWICE=1 "-DEXPECT_REGEX=\"seed\": 987654321,"
                 -DCOMMAND=$<TARGET_FILE:aidcsim>|run|scenarios/power/tier3-like.yaml|--years|5000|--seed|987654321|--json
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# Batch end to end (test/cli/batch_test.sh): --jobs 1, --jobs 2 and mpirun -np 3 give the same
# report; resume; replay; kill -9 then resume without lost, duplicate or partial runs.
add_test(NAME batch.end_to_end
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/batch_test.sh $<TARGET_FILE:aidcsim> ${CMAKE_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/batch-test)
set_tests_properties(batch.end_to_end PROPERTIES FIXTURES_SETUP batch_db TIMEOUT 300)
# A signal ends `run` and its simulation process; nothing is written into --out afterwards.
add_test(NAME cli.run_signals
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/signals_test.sh $<TARGET_FILE:aidcsim> ${CMAKE_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/signals-test)
set_tests_properties(cli.run_signals PROPERTIES TIMEOUT 120)

# Outputs are checked before anything runs: never a device, a folder or a missing folder.
aidcsim_cli_test(generate_to_device 2 "-o: '/dev/null' is not a regular file"
                 platform generate --system nvl72 -o /dev/null)
aidcsim_cli_test(generate_missing_folder 2 "-o: folder 'test/no-such-folder/sub' does not exist \\(give --parents"
                 platform generate --system nvl72 -o test/no-such-folder/sub/x.xml)
aidcsim_cli_test(run_out_is_a_file 2 "--out: 'README.md' is not a folder" run scenarios/default.yaml --out README.md)
aidcsim_cli_test(run_out_missing_parent 2 "--out: folder 'test/no-such-folder' does not exist"
                 run scenarios/default.yaml --out test/no-such-folder/out)
aidcsim_cli_test(batch_db_is_a_device 2 "--db: '/dev/null' is not a regular file"
                 batch test/data/sweeps/small.yaml --db /dev/null)

aidcsim_cli_test(batch_list 0 "run_key\tseed\tpoint\np0-r0\t[0-9]+\tfacility.ups\\[ups\\].battery.runtime=5 min"
                 batch test/data/sweeps/small.yaml --list)
aidcsim_cli_test(batch_bad_replay 2 "--replay 'p99-r0': no such run" batch test/data/sweeps/small.yaml --replay p99-r0)
aidcsim_cli_test(batch_no_db 2 "--db is required" batch test/data/sweeps/small.yaml)
aidcsim_cli_test(batch_bad_sweep 2 "bad-axis\\.yaml:[0-9]+:[0-9]+: error: key 'axes\\.facility\\.ups\\[ups\\]\\.battery\\.runtime' = '10 parsecs'"
                 batch test/data/sweeps/bad-axis.yaml --list)
aidcsim_cli_test(report_missing 2 "no-such\\.sqlite: error: results database not found" report no-such.sqlite)

# Plots of a sweep and of a timeline, as PNG and SVG.
add_test(NAME plot.sweep
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/plots/sweep.svg "-DEXPECT_FILE_REGEX=<svg"
                 "-DCOMMAND=/usr/bin/python3|${CMAKE_SOURCE_DIR}/tools/plot|sweep|${CMAKE_BINARY_DIR}/batch-test/jobs1.sqlite|--axis|facility.ups[ups].battery.runtime|--out|${CMAKE_BINARY_DIR}/plots/sweep.png|--aidcsim|$<TARGET_FILE:aidcsim>"
                 -P ${CLI_CHECK})
set_tests_properties(plot.sweep PROPERTIES FIXTURES_REQUIRED batch_db)
add_test(NAME plot.timeline
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/plots/timeline.svg "-DEXPECT_FILE_REGEX=<svg"
                 "-DCOMMAND=/usr/bin/python3|${CMAKE_SOURCE_DIR}/tools/plot|timeline|${CMAKE_BINARY_DIR}/timeline-out/timeline.csv|--out|${CMAKE_BINARY_DIR}/plots/timeline.png"
                 -P ${CLI_CHECK})
set_tests_properties(cli.power_timeline_csv PROPERTIES FIXTURES_SETUP timeline_csv)
set_tests_properties(plot.timeline PROPERTIES FIXTURES_REQUIRED timeline_csv)

# Cooling: CDU pumps off the UPS throttle and then shut the rack down although its power held;
# on the UPS they ride through, and the rack loses power when the battery is empty instead.
aidcsim_cli_test(thermal_pumps_not_on_ups 0
                 "\"it_energy_kwh\": 197\\.42.*\"it_downtime_min\": 0\\.0,.*\"it_service_downtime_min\": 34\\.49.*\"throttle_events\": 1,.*\"thermal_shutdowns\": 1,.*\"peak_chip_c\": 92\\.0"
                 run scenarios/thermal/pump-loss-not-on-ups.yaml --json)
aidcsim_cli_test(thermal_pumps_on_ups 0
                 "\"it_downtime_min\": 19\\.8.*\"throttle_events\": 0,.*\"thermal_shutdowns\": 0,.*\"peak_chip_c\": 69\\.5"
                 run scenarios/thermal/pump-loss-on-ups.yaml --json)
add_test(NAME cli.thermal_timeline
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/thermal-out/timeline.csv
                 "-DEXPECT_FILE_REGEX=0\\.000000,rack/cooling,cooling,normal,145\\.000,,39\\.556,69\\.556\n.*3600\\.000000,rack/cooling,cooling,normal \\(pumps off\\),145\\.000,,39\\.556,69\\.556\n.*3650\\.3599[0-9]*,rack/cooling,cooling,throttled \\(pumps off\\),37\\.156,,57\\.000,64\\.687\n3958\\.06[0-9]*,rack/cooling,cooling,thermal shutdown \\(pumps off\\),37\\.156,,84\\.313,92\\.000\n.*rack/cooling,cooling,thermal shutdown \\(pumps off\\),0\\.000,,84\\.313,84\\.313"
                 -DCOMMAND=$<TARGET_FILE:aidcsim>|run|scenarios/thermal/pump-loss-not-on-ups.yaml|--out|${CMAKE_BINARY_DIR}/thermal-out
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# PUE of a liquid-cooled and an air-cooled hall at equal IT load (founding document: about 1.15 and 1.6).
aidcsim_cli_test(pue_liquid_cooled_hall 0 "\"it_kwh\": 1160\\.0.*\"pue\": 1\\.16[0-9]*"
                 run scenarios/thermal/liquid-cooled-hall.yaml --json)
aidcsim_cli_test(pue_air_cooled_hall 0 "\"it_kwh\": 1160\\.0.*\"pue\": 1\\.60[0-9]*"
                 run scenarios/thermal/air-cooled-hall.yaml --json)

# The facility water loop: chillers lost for 20 min (+5 min restart) without a tank throttle all
# eight racks once the water passes about 48 C; a 100 m3 tank keeps the water under 34 C. A grid
# outage with the chillers on gensets warms the water twice (genset start, then the retransfer's
# open transition) without throttling; the air-cooled hall rides the 10 s fan gap with 4.4 K left.
aidcsim_cli_test(thermal_chiller_loss_no_tank 0
                 "\"throttle_events\": 8,.*\"thermal_shutdowns\": 0,.*\"peak_chip_c\": 87\\.0.*\"peak_c\": 54\\.19[0-9]*,.*\"above_setpoint_min\": 55\\.4"
                 run scenarios/thermal/chiller-loss-no-tank.yaml --json)
aidcsim_cli_test(thermal_chiller_loss_with_tank 0
                 "\"throttle_events\": 0,.*\"peak_chip_c\": 73\\.30.*\"peak_c\": 33\\.77"
                 run scenarios/thermal/chiller-loss-with-tank.yaml --json)
aidcsim_cli_test(thermal_grid_outage_chillers_on_gensets 0
                 "\"it_downtime_min\": 0\\.0,.*\"carried_by_gensets\": 1,.*\"throttle_events\": 0,.*\"peak_chip_c\": 77\\.77.*\"peak_c\": 38\\.59[0-9]*,.*\"above_setpoint_min\": 36\\.98"
                 run scenarios/thermal/grid-outage-chillers-on-gensets.yaml --json)
aidcsim_cli_test(thermal_air_hall_grid_outage 0
                 "\"throttle_events\": 0,.*\"peak_chip_c\": 82\\.60.*\"peak_c\": 22\\.31"
                 run scenarios/thermal/air-cooled-hall-grid-outage.yaml --json)
add_test(NAME cli.thermal_water_timeline
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/water-out/timeline.csv
                 "-DEXPECT_FILE_REGEX=0\\.000000,facility-water,water,held,1160\\.000,,30\\.000,\n.*1800\\.000000,facility-water,water,warming,0\\.000,,30\\.000,\n.*2457\\.08[0-9]*,rack-0/cooling,cooling,throttled,.*3000\\.000000,chiller-1,chiller,restarting,0\\.000,.*3300\\.000000,facility-water,water,recovering,1600\\.000,,54\\.194,"
                 -DCOMMAND=$<TARGET_FILE:aidcsim>|run|scenarios/thermal/chiller-loss-no-tank.yaml|--out|${CMAKE_BINARY_DIR}/water-out
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# AI workloads. A pure compute step (one accelerator, no collectives) is 6 P B FLOPs at the host's
# speed: 6e14 / 2.5e15 = 0.24 s. Goodput under exponential failures against the exact formula,
# exp(L R) (exp(L (T + C)) - 1) / L per segment: 0.9032 (seed 1 over 10 years: 0.9027, standard
# error about 0.0005).
aidcsim_cli_test(training_pure_compute_step 0
                 "\"compute_s\": 0\\.24,.*\"tensor_s\": 0\\.0,.*\"step_s\": 0\\.24,.*\"mfu\": 1\\.0,"
                 run test/data/training/pure-compute-step.yaml --json)
aidcsim_cli_test(training_goodput_exact_formula 0
                 "\"job_mtbf_h\": 3\\.(09000|08999)[0-9]*,.*\"training_goodput\": 0\\.90[1-4]"
                 run scenarios/validation/goodput-exponential.yaml --json)

# `aidcsim compare`: the same scenario on an NVL72 and a CloudMatrix384 platform. The CM384
# platforms are generated into the build folder (2 and 5 supernodes).
add_test(NAME cli.compare_platforms_setup
         COMMAND ${CMAKE_COMMAND} -E chdir ${CMAKE_SOURCE_DIR} sh -c
                 "$<TARGET_FILE:aidcsim> platform generate --system cm384 --pods 2 -o ${CMAKE_BINARY_DIR}/cm384-x2.xml && $<TARGET_FILE:aidcsim> platform generate --system cm384 --pods 5 -o ${CMAKE_BINARY_DIR}/cm384-x5.xml")
set_tests_properties(cli.compare_platforms_setup PROPERTIES FIXTURES_SETUP compare_platforms)
aidcsim_cli_test(compare_it_failures 0
                 "job accelerators +512 +512 +1\\.000x.*job BF16 PFLOPS +1280\\.0 +399\\.4 +0\\.312x.*training goodput +0\\.9[0-9]+ +0\\.9[0-9]+.*interruptions/day.*tokens per kWh"
                 compare scenarios/compare/training-it-failures.yaml --platforms platforms/gb200-nvl72-x8.xml ${CMAKE_BINARY_DIR}/cm384-x2.xml)
aidcsim_cli_test(compare_grid_outage 0
                 "job accelerators +512 +512.*IT power availability +0\\.99[0-9]+ +0\\.99[0-9]+.*PUE"
                 compare scenarios/compare/training-grid-outage.yaml --platforms platforms/gb200-nvl72-x8.xml ${CMAKE_BINARY_DIR}/cm384-x2.xml)
aidcsim_cli_test(compare_equal_compute 0
                 "BF16 compute matched.*job accelerators +512 +1632 +3\\.188x.*job BF16 PFLOPS +1280\\.0 +1273\\.0 +0\\.995x"
                 compare scenarios/compare/training-it-failures.yaml --match compute --platforms platforms/gb200-nvl72-x8.xml ${CMAKE_BINARY_DIR}/cm384-x5.xml)
aidcsim_cli_test(compare_scenario_json 0
                 "\"table\": \\[.*\"metric\": \"training goodput\""
                 compare scenarios/compare/training-it-failures.yaml --json --platforms platforms/gb200-nvl72-x8.xml ${CMAKE_BINARY_DIR}/cm384-x2.xml)
# A year of training at equal compute, priced (scenarios/compare/training-cost.yaml): one CM384
# draws 4.14 times an NVL72 (seed figures: 599,821 W against 145,000 W), the accelerators cost
# their count times their chip's price exactly (576 x 41,700 $ / 0.69, 1,920 x 21,400 $ / 0.69: the
# servers are 69 % of IT), and each
# million tokens about 1.8 times as much on the CM384 hall (0.275 against 0.488 USD).
aidcsim_cli_test(compare_training_cost 0
                 "scale-up system power kW +145\\.0 +599\\.8 +4\\.13[0-9]x.*W per BF16 TFLOP +0\\.806 +2\\.003 .*racks' design power kW +1160\\.0 +2999\\.1 .*  accelerators USD +34810435 +59547826 .*USD per million tokens +0\\.27[0-9]+ +0\\.48[0-9]+ +1\\.7[0-9]*x"
                 compare scenarios/compare/training-cost.yaml --match compute --platforms platforms/gb200-nvl72-x8.xml ${CMAKE_BINARY_DIR}/cm384-x5.xml)
set_tests_properties(cli.compare_it_failures cli.compare_grid_outage cli.compare_equal_compute cli.compare_scenario_json
                     cli.compare_training_cost PROPERTIES FIXTURES_REQUIRED compare_platforms)
aidcsim_cli_test(inference_service 0
                 "\"it_failures\": 27,.*\"served_fraction\": 0\\.9941[0-9]*,.*\"below_slo_min\": 5312\\.7"
                 run scenarios/workload/inference-nvl72-x8.yaml --json)


# A pump loss under a training job: throttled (the job slows), then a thermal shutdown interrupts it.
aidcsim_cli_test(training_pump_loss 0
                 "\"training_goodput\": 0\\.583[0-9]*,.*\"interruptions\": 1,.*\"thermal_shutdown\": 12\\.0.*\"throttled\": 0\\.[1-9]"
                 run scenarios/workload/training-pump-loss.yaml --json)
# MoE: an expert group of 256 consecutive accelerators spans four NVL72 domains but fits in one
# CloudMatrix384 domain, so its all-to-all takes about half as long there.
aidcsim_cli_test(compare_moe_all_to_all 0
                 "expert all-to-all s +16\\.3[0-9]* +8\\.4[0-9]* +0\\.5[0-9]*x.*MFU +0\\.1[0-9]* +0\\.3[0-9]*"
                 compare scenarios/compare/moe-training-it-failures.yaml --platforms platforms/gb200-nvl72-x8.xml ${CMAKE_BINARY_DIR}/cm384-x2.xml)
set_tests_properties(cli.compare_moe_all_to_all PROPERTIES FIXTURES_REQUIRED compare_platforms)

# Sweeping the checkpoint interval: goodput peaks at Daly's 13.3 min (exact 0.9036) and falls to
# 0.8718 at 5 min and 0.8164 at 60 min.
add_test(NAME cli.sweep_checkpoint_interval
         COMMAND sh -c "rm -f ${CMAKE_BINARY_DIR}/checkpoint.sqlite* && $<TARGET_FILE:aidcsim> batch scenarios/sweeps/checkpoint-interval.yaml --jobs 2 --db ${CMAKE_BINARY_DIR}/checkpoint.sqlite > /dev/null && $<TARGET_FILE:aidcsim> report ${CMAKE_BINARY_DIR}/checkpoint.sqlite --csv --metric training.training_goodput"
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.sweep_checkpoint_interval PROPERTIES PASS_REGULAR_EXPRESSION
                     "=5 min,training.training_goodput,10,0\\.87[0-9]*,.*=13.3 min,training.training_goodput,10,0\\.90[3-5][0-9]*,.*=60 min,training.training_goodput,10,0\\.81[4-9]")
add_test(NAME cli.training_timeline
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/training-out/timeline.csv
                 "-DEXPECT_FILE_REGEX=0\\.000000,job,job,computing,.*3650\\.3599[0-9]*,job,job,computing \\(throttled\\),.*3958\\.06[0-9]*,job,job,waiting \\(thermal_shutdown\\),.*6027\\.55[0-9]*,job,job,restarting \\(thermal_shutdown\\),.*6327\\.55[0-9]*,job,job,computing,"
                 -DCOMMAND=$<TARGET_FILE:aidcsim>|run|scenarios/workload/training-pump-loss.yaml|--out|${CMAKE_BINARY_DIR}/training-out
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# A rack without power while the first step would be measured: the step is measured once it is
# back (0.209 s), and the job's hosts then draw full power.
aidcsim_cli_test(training_outage_during_probe 0
                 "\"it_energy_kwh\": 198[0-9]\\.[0-9]*,.*\"step_s\": 0\\.20[0-9]*,.*\"step_measured\": true,.*\"tokens_trained\": 515[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]\\."
                 run test/data/training/outage-during-probe.yaml --json)
add_test(NAME cli.sweep_hot_spares
         COMMAND sh -c "rm -f ${CMAKE_BINARY_DIR}/spares.sqlite* && $<TARGET_FILE:aidcsim> batch scenarios/sweeps/hot-spares.yaml --jobs 2 --db ${CMAKE_BINARY_DIR}/spares.sqlite > /dev/null && $<TARGET_FILE:aidcsim> report ${CMAKE_BINARY_DIR}/spares.sqlite --csv --metric training.training_goodput"
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.sweep_hot_spares PROPERTIES PASS_REGULAR_EXPRESSION
                     "spares=0,training.training_goodput,10,0\\.7[0-9]*,.*spares=4,training.training_goodput,10,0\\.9[45][0-9]*,.*spares=8,training.training_goodput,10,0\\.97[0-9]*,")

# The hall's backup power chosen by cost (scenarios/sweeps/hall-design-cost.yaml, as the README
# runs it): the Pareto front of the yearly cost of the design against the nines of power
# availability. The fuel tank beyond the refuel lead time buys nothing; 8 h -> 24 h of tank is the
# cheapest nine, N -> N+1 gensets the next, more UPS minutes the dearest; with common seeds the
# UPS steps' differences are measured run by run (paired sd far below the independent one).
add_test(NAME cli.sweep_hall_design_cost
         COMMAND sh -c "rm -f ${CMAKE_BINARY_DIR}/hall.sqlite* && $<TARGET_FILE:aidcsim> batch scenarios/sweeps/hall-design-cost.yaml --jobs 2 --db ${CMAKE_BINARY_DIR}/hall.sqlite > /dev/null 2>&1 && $<TARGET_FILE:aidcsim> report ${CMAKE_BINARY_DIR}/hall.sqlite --pareto cost.annual_usd.design nines:power_availability"
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.sweep_hall_design_cost PROPERTIES FIXTURES_SETUP hall_db TIMEOUT 600 PASS_REGULAR_EXPRESSION
                     "8 of 27 points.* 0 +10,005,[0-9]+ .* 4\\.7[0-9]* .*fuel_tank=8 h.* 1 +10,006,[0-9]+ .* 5\\.3[0-9]* .* 4 +10,083,[0-9]+ .* 7\\.[0-9]* .*sizing=N\\+1, .*fuel_tank=24 h.* 7 +10,159,[0-9]+ +.* inf .*sizing=2N.*paired over common seeds.*0 -> 1 +1,449 +0\\.61[0-9]* +2,3[0-9][0-9] .*1 -> 10 .* 3[01][0-9],[0-9]+ .*19 -> 4 +64,4[0-9][0-9] +1\\.7[0-9]* +37,[0-9]+ ")
add_test(NAME plot.pareto
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/plots/pareto.svg "-DEXPECT_FILE_REGEX=<svg"
                 "-DCOMMAND=/usr/bin/python3|${CMAKE_SOURCE_DIR}/tools/plot|pareto|${CMAKE_BINARY_DIR}/hall.sqlite|--out|${CMAKE_BINARY_DIR}/plots/pareto.png|--aidcsim|$<TARGET_FILE:aidcsim>"
                 -P ${CLI_CHECK})
set_tests_properties(plot.pareto PROPERTIES FIXTURES_REQUIRED hall_db)
aidcsim_cli_test(report_pareto_unknown_metric 2 "--pareto: 'cost\.annual_usd\.totl' is not a metric of these results"
                 report ${CMAKE_BINARY_DIR}/hall.sqlite --pareto cost.annual_usd.totl nines:power_availability)
set_tests_properties(cli.report_pareto_unknown_metric PROPERTIES FIXTURES_REQUIRED hall_db)
aidcsim_cli_test(report_pareto_nines_of_a_downtime 2 "--pareto: nines:it_downtime_min_per_year needs an availability \\(a fraction from 0 to 1\\); its mean at point 0 is 9\\.8"
                 report ${CMAKE_BINARY_DIR}/hall.sqlite --pareto cost.annual_usd.design nines:it_downtime_min_per_year)
set_tests_properties(cli.report_pareto_nines_of_a_downtime PROPERTIES FIXTURES_REQUIRED hall_db)
aidcsim_cli_test(report_pareto_one_metric 2 "--pareto: At least 2 required but received 1"
                 report ${CMAKE_BINARY_DIR}/hall.sqlite --pareto cost.annual_usd.total)

# The event budget (engine/input/event_budget.hpp): a rate that would make billions of events is an
# error naming it, before the platform loads, not a run that looks like a hang.
aidcsim_cli_test(run_failure_rate_over_the_budget 2
                 "failure-rate-per-hour-typo\\.yaml:19:26: error: key 'workload\\.failures\\.classes\\.faulty_gpu\\.rate' = '1e\\+06 /h': its failure rate on 512 accelerators over 30 d means about 3\\.69e\\+11 expected events.*at most 2\\.71e\\+03 /h here"
                 run test/data/failure-rate-per-hour-typo.yaml)
aidcsim_cli_test(run_outage_rate_over_the_budget_for_the_years 2
                 "utility-outage-every-minute\\.yaml:[0-9]+:[0-9]+: error: key 'facility\\.grid' = '5\\.26e\\+05 /y': its outage rate over 1e\\+04 y means about 5\\.26e\\+09 expected events.*at most 1e\\+05 /y here"
                 run test/data/utility-outage-every-minute.yaml --years 10000)
aidcsim_cli_test(run_outage_rate_within_the_budget 0 "utility outages +[0-9]"
                 run test/data/utility-outage-every-minute.yaml --duration "1 d")

# A long run's timeline is whole: streamed to its file to the run's last row (30,000 years of
# genset-fts: about 1.1 million rows), no row cap.
add_test(NAME cli.run_timeline_long_is_whole
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0
                 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/timeline-long-out/timeline.csv
                 "-DEXPECT_FILE_REGEX=\n946080000000\\.000000,facility,facility,[^\n]*\n$"
                 -DCOMMAND=$<TARGET_FILE:aidcsim>|run|scenarios/validation/genset-fts.yaml|--years|30000|--out|${CMAKE_BINARY_DIR}/timeline-long-out
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# The timeline at scale: a window and a set of components choose the rows; the file opens with
# each component's state at the window's start and closes with its state at the end; the
# terminal says how many rows of the run the file holds. (426 rows in 10 years of genset-fts.)
add_test(NAME cli.timeline_window
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 "-DEXPECT_REGEX=timeline.csv holds 33 rows of the run's 426"
                 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/timeline-window/timeline.csv
                 "-DEXPECT_FILE_REGEX=# platform_sha256: [0-9a-f]+\ntime_s,component[^\n]*\n63072000.000000,gen,gensets,stopped,0.000,,,\n63072000.000000,ups,ups,online,145.000,1.000000,,\n.*\n94608000.000000,gen,gensets,stopped,0.000,,,\n94608000.000000,ups,ups,online,145.000,1.000000,,\n$"
                 "-DEXPECT_NO_FILES=${CMAKE_BINARY_DIR}/timeline-window/*.tmp.*"
                 "-DCOMMAND=$<TARGET_FILE:aidcsim>|run|scenarios/validation/genset-fts.yaml|--years|10|--out|${CMAKE_BINARY_DIR}/timeline-window|--timeline-from|2 y|--timeline-to|3 y|--timeline-components|gen,ups"
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
aidcsim_cli_test(timeline_unknown_component 2
  "command line: error: key '--timeline-components' = 'bogus': no such component or kind; allowed: ats, cooling, facility"
  run scenarios/validation/genset-fts.yaml --years 1 --out ${CMAKE_BINARY_DIR}/timeline-bad --timeline-components gen,bogus)
aidcsim_cli_test(timeline_window_needs_out 2 "give --out too"
  run scenarios/validation/genset-fts.yaml --years 1 --timeline-from "1 d")
aidcsim_cli_test(timeline_window_order 2 "--timeline-to '1 d' must come after --timeline-from '2 d'"
  run scenarios/validation/genset-fts.yaml --years 1 --out ${CMAKE_BINARY_DIR}/timeline-bad --timeline-from "2 d" --timeline-to "1 d")
aidcsim_cli_test(timeline_window_bad_unit 2 "--timeline-from '3 parsecs': unknown unit 'parsecs'"
  run scenarios/validation/genset-fts.yaml --years 1 --out ${CMAKE_BINARY_DIR}/timeline-bad --timeline-from "3 parsecs")
# The power trace of a detailed window: one row per breakpoint of each source's swing, in time
# order, the grid's swing of 92.4 kW through the UPS (a window of the one-rack job, 4 s).
add_test(NAME cli.power_trace_window
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 "-DEXPECT_REGEX=power dynamics"
                 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/power-trace/power-trace.csv
                 "-DEXPECT_FILE_REGEX=# platform_sha256: [0-9a-f]+\ntime_s,node,kind,power_kw\n3600.000000,[a-z]+,[a-z]+,[0-9.]+\n"
                 "-DEXPECT_NO_FILES=${CMAKE_BINARY_DIR}/power-trace/*.tmp.*"
                 "-DCOMMAND=$<TARGET_FILE:aidcsim>|run|test/data/dynamics/one-rack-grid.yaml|--out|${CMAKE_BINARY_DIR}/power-trace|--detail|1 h..3604 s"
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
aidcsim_cli_test(detail_needs_out 2 "--detail '1 h..2 h': the trace goes to power-trace.csv; give --out too"
  run test/data/dynamics/one-rack-grid.yaml --detail "1 h..2 h")
aidcsim_cli_test(detail_needs_dynamics 2 "the scenario has no 'power_dynamics:' section"
  run scenarios/validation/genset-fts.yaml --years 1 --out ${CMAKE_BINARY_DIR}/detail-bad --detail "1 h..2 h")
aidcsim_cli_test(detail_bad_window 2 "expected FROM..TO, two times with units"
  run test/data/dynamics/one-rack-grid.yaml --out ${CMAKE_BINARY_DIR}/detail-bad --detail "1 h")
# A folder that cannot be written is an error before the run, not after it (a million years).
aidcsim_cli_test(timeline_out_unwritable_first 2 "aidcsim run: --out: cannot create folder '/proc/aidcsim-no'"
  run scenarios/validation/genset-fts.yaml --years 1000000 --out /proc/aidcsim-no)

# How the probe times collectives: a method that does not exist is named with the allowed ones.
aidcsim_cli_test(step_probe_unknown_method 2
  "step-probe-unknown.yaml:[0-9]+:[0-9]+: error: key 'workload.job.step_probe' = 'exact': not allowed; expected one of: auto, simgrid, fluid"
  run test/data/training/step-probe-unknown.yaml)
aidcsim_cli_test(step_probe_fluid_same_step 0
  "step +3\\.486 s \\(compute 2\\.188, TP 0\\.690, EP 0\\.000, PP 0\\.021, DP 0\\.178\\)[^\n]*\n +collectives timed by +the fluid model"
  run test/data/training/step-probe-fluid.yaml)

# Availability estimates (--estimator). 2N PDUs, Markovian: exact unavailability 2.083e-7, IT-loss
# episodes 4.56e-4 /y (test/unit/rare_event_test.cpp); importance sampling resolves both in 20,000
# years, where plain Monte Carlo sees a dozen losses. Tier IV-like: no IT loss in 1,000,000 years
# of plain Monte Carlo, about 3.7e-12 by importance sampling in 100,000.
aidcsim_cli_test(estimator_is_2n_pdus 0
                 "\"estimator\": \"is\",.*\"unavailability\": \\{\n *\"value\": 2\\.[0-2][0-9]*e-07,.*\"relative_error\": 0\\.0[0-9]*,.*\"warnings\": \\[\\]"
                 run test/data/rare/2n-pdus.yaml --estimator is --years 20000 --json)
aidcsim_cli_test(estimator_is_text 0
                 "importance sampling \\(balanced failure biasing\\).*availability +6\\.[67][0-9] nines, 95 % interval"
                 run test/data/rare/2n-pdus.yaml --estimator is --years 20000)
aidcsim_cli_test(estimator_mc_warns_of_few_losses 0
                 "plain Monte Carlo.*warning: fewer than 10 cycles lost IT power"
                 run test/data/rare/2n-pdus.yaml --estimator mc --years 5000)
aidcsim_cli_test(estimator_by_cause 0
                 "IT downtime by first cause \\(.*\n  PDU failure +[0-9.e-]+ min \\([0-9.e-]+ to [0-9.e-]+\\) +100\\.0 %.*\n  pdu-[ab] .*first IT-loss episodes \\(drawn under biasing.*PDU failure; \\+[0-9.]+ [a-z]+ pdu-[ab] PDU failure; "
                 run test/data/rare/2n-pdus.yaml --years 5000 --estimator is)
aidcsim_cli_test(estimator_bad_value 2 "--estimator 'fast': expected 'mc' or 'is'"
                 run test/data/rare/2n-pdus.yaml --estimator fast)
aidcsim_cli_test(estimator_needs_a_facility 2 "default\\.yaml: error: key 'facility': .*this scenario has no facility"
                 run scenarios/default.yaml --estimator is)
aidcsim_cli_test(estimator_refuses_scheduled_faults 2 "outage-at-time-zero\\.yaml: error: key 'faults' = '1': .*remove the scheduled faults"
                 run test/data/facility/outage-at-time-zero.yaml --estimator is)

# A sweep with `estimator: is` (test/data/sweeps/estimator.yaml): each point's mean over four
# replications near its exact value, 0.1095 and 0.3281 min/year.
add_test(NAME cli.sweep_estimator
         COMMAND sh -c "rm -f ${CMAKE_BINARY_DIR}/estimator.sqlite* && $<TARGET_FILE:aidcsim> batch test/data/sweeps/estimator.yaml --jobs 2 --db ${CMAKE_BINARY_DIR}/estimator.sqlite > /dev/null 2>&1 && $<TARGET_FILE:aidcsim> report ${CMAKE_BINARY_DIR}/estimator.sqlite --csv --metric availability.it_downtime_min_per_year.value"
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.sweep_estimator PROPERTIES PASS_REGULAR_EXPRESSION
                     "0,[^\n]*=8 h,availability\\.it_downtime_min_per_year\\.value,4,0\\.1[01][0-9]*,[^\n]*\n1,[^\n]*=24 h,availability\\.it_downtime_min_per_year\\.value,4,0\\.3[0-5][0-9]*,")
aidcsim_cli_test(batch_estimator_needs_a_facility 2
                 "estimator-no-facility\\.yaml:4:12: error: key 'estimator' = 'is': estimates a facility's availability"
                 batch test/data/sweeps/estimator-no-facility.yaml --list)

# The availability plot: downtime and its interval against simulated years, both estimators.
add_test(NAME plot.availability
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/plots/availability.svg "-DEXPECT_FILE_REGEX=<svg"
                 "-DCOMMAND=/usr/bin/python3|${CMAKE_SOURCE_DIR}/tools/plot|availability|test/data/rare/2n-pdus.yaml|--years|1000,5000|--out|${CMAKE_BINARY_DIR}/plots/availability.png|--aidcsim|$<TARGET_FILE:aidcsim>"
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME plot.causes
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=0 -DEXPECT_FILE=${CMAKE_BINARY_DIR}/plots/causes.svg "-DEXPECT_FILE_REGEX=<svg"
                 "-DCOMMAND=/usr/bin/python3|${CMAKE_SOURCE_DIR}/tools/plot|causes|${CMAKE_SOURCE_DIR}/test/data/rare/causes-metrics.json|--out|${CMAKE_BINARY_DIR}/plots/causes.png"
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME plot.availability_bad_years
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=2 "-DEXPECT_REGEX=--years 'ten': expected whole numbers"
                 "-DCOMMAND=/usr/bin/python3|${CMAKE_SOURCE_DIR}/tools/plot|availability|test/data/rare/2n-pdus.yaml|--years|ten"
                 -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# `check`: every kind of file read and checked, nothing run; warnings for what is accepted but
# probably not meant; the kind of a file given to the wrong command said in one sentence.
aidcsim_cli_test(check_every_kind 0
  "default\\.yaml: scenario 'one GB200 NVL72 rack at full load for 1 h': ok.*ups-gensets-grid\\.yaml: sweep '[^']+': ok \\(18 points x 20 replications = 360 runs.*catalog\\.yaml: hardware catalog: ok \\(2 chips, 2 systems\\).*gb200-nvl72\\.xml: platform: ok \\(72 accelerators\\)"
  check scenarios/default.yaml scenarios/sweeps/ups-gensets-grid.yaml platforms/catalog.yaml platforms/gb200-nvl72.xml)
aidcsim_cli_test(check_bad_file 2 "lognormal-sigma-50\\.yaml:12:68: error: key 'facility\\.utility\\[0\\]\\.outages\\.duration\\.sigma' = '50'"
  check scenarios/default.yaml test/data/bad-facility/lognormal-sigma-50.yaml)
aidcsim_cli_test(check_platform_only_errors 2 "platform-rack-missing\\.yaml:[0-9]+:[0-9]+: error: "
  check test/data/bad-facility/platform-rack-missing.yaml)
aidcsim_cli_test(check_unknown_kind 2 "unknown-kind\\.yaml:1:1: error: not a scenario.*cannot tell what this file is"
  check test/data/unknown-kind.yaml)
aidcsim_cli_test(warning_late_fault 0 "late-fault\\.yaml:14:10: warning: key 'faults\\.at' = '2 h': at or after the run's end \\(1 h\\)"
  run test/data/warnings/late-fault.yaml)
aidcsim_cli_test(warning_late_fault_shorter_run 0 "late-fault\\.yaml:13:10: warning: key 'faults\\.at' = '30 min'.*\\(10 min\\)"
  run test/data/warnings/late-fault.yaml --duration "10 min")
aidcsim_cli_test(warnings_training 0
  "2 warnings.*warning: key 'workload\\.job\\.model\\.layers' = '81': 81 layers over 4 pipeline stages: stages hold 21 or 20 layers.*3\\.7 % short.*warning: key 'workload\\.job\\.checkpoint\\.interval' = '1e-09 s': shorter than the checkpoint write \\(1 min\\)"
  check test/data/warnings/uneven-stages-short-checkpoint.yaml)
aidcsim_cli_test(run_given_a_sweep 2 "ups-gensets-grid\\.yaml:1:1: error: this is a sweep file, not a scenario file; it is read by 'aidcsim batch FILE --db results\\.sqlite'"
  run scenarios/sweeps/ups-gensets-grid.yaml)
aidcsim_cli_test(batch_given_a_scenario 2 "default\\.yaml:1:1: error: this is a scenario file, not a sweep file; it is read by 'aidcsim run FILE'"
  batch scenarios/default.yaml --db ${CMAKE_BINARY_DIR}/never.sqlite)
aidcsim_cli_test(sweep_duplicate_value 2 "duplicate-value\\.yaml:7:54: error: key 'axes\\.facility\\.ups\\[ups\\]\\.battery\\.runtime' = '5 min': the same value twice \\(first at line 7\\)"
  batch test/data/sweeps/duplicate-value.yaml --list)

# `list`: from the tables the readers and reports use.
aidcsim_cli_test(list_systems 0 "cm384 +Huawei CloudMatrix 384 +ascend910c +384 +599\\.8.*nvl72 +NVIDIA GB200 NVL72 +gb200 +72 +145\\.0"
  list systems)
aidcsim_cli_test(list_components 0 "utility .*gensets .*onsite_generation .*transfer_switches .*ups .*distribution .*loads "
  list components)
aidcsim_cli_test(list_failure_classes 0 "faulty_gpu +accelerator +6\\.970 host" list failure-classes)
aidcsim_cli_test(list_metrics 0 "it_downtime_min_per_year +min/y .*energy\\.pue +ratio" list metrics)
aidcsim_cli_test(list_unknown 2 "what: .*not in" list gadgets)

# Messages: an unknown command named, --years with a unit, SimGrid's settings checked, the log
# level checked, numbers shown as numbers in --help.
aidcsim_cli_test(unknown_command 2 "aidcsim: unknown command 'frobnicate'; commands: run, compare" frobnicate)
aidcsim_cli_test(years_with_unit 2 "--years '10 y': expected a number of years, e\\.g\\. --years 10 \\(or a time with its unit: --duration '10 y'\\)"
  run scenarios/default.yaml --years "10 y")
aidcsim_cli_test(simgrid_cfg_typo 2 "error: key '--cfg': SimGrid: Bad config key: network/modl; did you mean 'network/model'\\?"
  run scenarios/default.yaml --cfg=network/modl:CM02)
aidcsim_cli_test(simgrid_cfg_passed 0 "IT energy +145\\.0" run scenarios/default.yaml --cfg=network/model:CM02)
aidcsim_cli_test(simgrid_log_passed 0 "\\[host_energy/INFO\\] Total energy consumption" run scenarios/default.yaml --log=root.thresh:info)
aidcsim_cli_test(log_level_typo 2 "--log-level 'loud': expected trace, debug, info, warning, error or off"
  --log-level loud run scenarios/default.yaml)
aidcsim_cli_test(verbose_debug 0 "debug: scenario 'one GB200 NVL72 rack at full load for 1 h'" -v run scenarios/default.yaml)
aidcsim_cli_test(help_names_types 0 "--seed INT .*--duration TIME .*--years NUMBER .*--out DIR" run --help)

# timeline.csv quotes a field holding a comma (an on-site plant's state), as RFC 4180 says.
aidcsim_cli_file_test(timeline_quotes_commas 0 ${CMAKE_BINARY_DIR}/cli-quoted/timeline.csv
  "\n[0-9.]+,turbines,onsite,\"running 2/3 \\(0 in repair, 1 in maintenance\\)\",1550\\.000,,,\n"
  run scenarios/power/turbines-prime-grid-backup.yaml --out ${CMAKE_BINARY_DIR}/cli-quoted)

# A training job that never runs slow has no throttled time: exactly 0, not a rounding residue.
aidcsim_cli_test(training_throttled_exactly_zero 0 "\"throttled\": 0\\.0,"
  run scenarios/workload/train-nvl72-x8-failures.yaml --json)
# Outside the repository the default catalog is missing: the message points to --catalog.
add_test(NAME cli.generate_catalog_hint
         COMMAND ${CMAKE_COMMAND} -DEXPECT_RC=2
                 "-DEXPECT_REGEX=platforms/catalog\\.yaml: error: file not found \\(the default catalog, read from the current folder: run from the aidcsim folder or give --catalog FILE\\)"
                 -DCOMMAND=$<TARGET_FILE:aidcsim>|platform|generate|--system|nvl72|-o|x.xml -P ${CLI_CHECK}
         WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
# A lossless chain's energy balance closes over 100,000 years: the energies are compensated sums
# and the losses are reported unclamped (plain sums gave a PUE of 1.00000000001 here).
aidcsim_cli_test(energy_balance_closes 0 "\"conversion_losses_kwh\": -?[0-9.]+(e-(0[6-9]|[1-9][0-9]))?,\n *\"pue\": 1\\.0\n"
  run scenarios/validation/genset-fts.yaml --years 100000 --json)

# Validation against the published swing of large training jobs (docs/MODELS.md, "Power
# dynamics"): the 98,304-GPU job's swing is 114.6 MW peak to peak ("tens to hundreds of MW") at
# 1.41 Hz, inside the 0.2-3 Hz where the swings of production jobs concentrate (Choukse et al.,
# arXiv 2508.14318, 2025), with the GPUs near idle in the collectives and near full in compute.
aidcsim_cli_test(validation_swing_98k 0
                 "step +0\\.710 s \\(1\\.41 Hz\\): 1468 W for 0\\.387 s, then 302 W.*job swing +114\\.57 MW peak to peak"
                 run scenarios/dynamics/swing-98k-grid.yaml)
set_tests_properties(cli.validation_swing_98k PROPERTIES FIXTURES_REQUIRED large_platform)
