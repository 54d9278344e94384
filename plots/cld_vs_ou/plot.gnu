set encoding utf8
set terminal pngcairo enhanced size 1900,1250 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
# Is CLD better than OU at the same number of score evaluations? Exact numbers; data.csv.
set datafile separator comma
pos(y) = (y > 0 ? y : NaN)
set grid xtics ytics mxtics mytics lc rgb '#dddddd' lw 1, lc rgb '#f2f2f2' lw 1
set border lw 1.2
set tics nomirror
set format y '10^{%T}'
set linetype 1  lc rgb '#08306B' lw 2 pt 7  ps 0.9 dt solid
set linetype 2  lc rgb '#2171B5' lw 2 pt 5  ps 0.9 dt solid
set linetype 3  lc rgb '#41B6C4' lw 2 pt 9  ps 1.1 dt solid
set linetype 4  lc rgb '#08306B' lw 2 dt (12,6)
set linetype 5  lc rgb '#E41A1C' lw 2 pt 6  ps 1.0 dt solid
set linetype 6  lc rgb '#FF7F00' lw 2 pt 4  ps 1.0 dt solid
set linetype 7  lc rgb '#E7298A' lw 2 pt 8  ps 1.2 dt solid
set linetype 8  lc rgb '#984EA3' lw 2 pt 12 ps 1.2 dt solid
set linetype 9  lc rgb '#8C510A' lw 2 pt 14 ps 1.2 dt solid
set linetype 10 lc rgb '#E41A1C' lw 2 dt (12,6)
stats 'data.csv' index 5 using (abs($1 - 2) < 1e-9 ? $2 : NaN) nooutput
cont_0_ou = STATS_min
stats 'data.csv' index 5 using (abs($1 - 2) < 1e-9 ? $3 : NaN) nooutput
cont_0_cld = STATS_min
stats 'data.csv' index 5 using (abs($1 - 5) < 1e-9 ? $2 : NaN) nooutput
cont_1_ou = STATS_min
stats 'data.csv' index 5 using (abs($1 - 5) < 1e-9 ? $3 : NaN) nooutput
cont_1_cld = STATS_min
stats 'data.csv' index 5 using (abs($1 - 5) < 1e-9 ? $8 : NaN) nooutput
cont_2_ou = STATS_min
stats 'data.csv' index 5 using (abs($1 - 5) < 1e-9 ? $9 : NaN) nooutput
cont_2_cld = STATS_min
stats 'data.csv' index 5 using (abs($1 - 5) < 1e-9 ? $8 : NaN) nooutput
cont_3_ou = STATS_min
stats 'data.csv' index 5 using (abs($1 - 5) < 1e-9 ? $9 : NaN) nooutput
cont_3_cld = STATS_min
set multiplot \
    title "Is CLD better than the OU process at the same cost (N score evaluations)? Exact errors, Gaussian data, exact score, start at the reference law N(0, I)\n{/*0.8 OU: dX = -X dt + √2 dB.   CLD (seed 002; Dockhorn et al. 2022): d(x, v) = (v, -x - 2v) dt + (0, σ dB), σ^2 = 4, Σ_∞ = I, V_0 ∼ N(0, 1) (stationary); error of the position marginal.   Exact mean/covariance recursions, no Monte Carlo}" \
    font ',15'
unset key

# ---- panel (a): case 1d_T2 (data.csv index 0)
set lmargin at screen 0.0500; set rmargin at screen 0.3300
set bmargin at screen 0.5650; set tmargin at screen 0.8950
set title "(a) d = 1, data N(0, 2), T = 2"
set logscale xy
set xrange [4:800]
set xtics (5, 10, 20, 40, 80, 160, 320, 640)
set mxtics default
set format x '%g'
set xlabel 'N (score evaluations = steps)'
set ylabel 'KL(π_{data} ‖ output)' offset 1,0
set yrange [1e-08:1e-01]
unset label
plot 'data.csv' index 0 using 1:(pos($2)) with linespoints lt 1, \
     'data.csv' index 0 using 1:(pos($4)) with linespoints lt 2, \
     'data.csv' index 0 using 1:(pos($6)) with linespoints lt 3, \
     cont_0_ou with lines lt 4, \
     'data.csv' index 0 using 1:(pos($8)) with linespoints lt 5, \
     'data.csv' index 0 using 1:(pos($10)) with linespoints lt 6, \
     'data.csv' index 0 using 1:(pos($12)) with linespoints lt 7, \
     'data.csv' index 0 using 1:(pos($14)) with linespoints lt 8, \
     'data.csv' index 0 using 1:(pos($16)) with linespoints lt 9, \
     cont_0_cld with lines lt 10
unset label

# ---- panel (b): case 1d_T5 (data.csv index 1)
set lmargin at screen 0.3800; set rmargin at screen 0.6600
set bmargin at screen 0.5650; set tmargin at screen 0.8950
set title "(b) d = 1, data N(0, 2), T = 5"
set logscale xy
set xrange [4:800]
set xtics (5, 10, 20, 40, 80, 160, 320, 640)
set mxtics default
set format x '%g'
set xlabel 'N (score evaluations = steps)'
unset ylabel
set yrange [1e-11:1e+02]
unset label
set label 1 "OU continuous-time limit: KL = 4.2e-18 (below the axis)" at graph 0.97, graph 0.94 right font ',10'
plot 'data.csv' index 1 using 1:(pos($2)) with linespoints lt 1, \
     'data.csv' index 1 using 1:(pos($4)) with linespoints lt 2, \
     'data.csv' index 1 using 1:(pos($6)) with linespoints lt 3, \
     cont_1_ou with lines lt 4, \
     'data.csv' index 1 using 1:(pos($8)) with linespoints lt 5, \
     'data.csv' index 1 using 1:(pos($10)) with linespoints lt 6, \
     'data.csv' index 1 using 1:(pos($12)) with linespoints lt 7, \
     'data.csv' index 1 using 1:(pos($14)) with linespoints lt 8, \
     'data.csv' index 1 using 1:(pos($16)) with linespoints lt 9, \
     cont_1_cld with lines lt 10
unset label

# ---- panel (d): case het_T5 (data.csv index 2)
set lmargin at screen 0.0500; set rmargin at screen 0.3300
set bmargin at screen 0.1500; set tmargin at screen 0.4800
set title "(d) d = 10 heteroscedastic (variances 1, 0.01, ...), T = 5"
set logscale xy
set xrange [4:800]
set xtics (5, 10, 20, 40, 80, 160, 320, 640)
set mxtics default
set format x '%g'
set xlabel 'N (score evaluations = steps)'
set ylabel 'KL(π_{data} ‖ output)' offset 1,0
set yrange [1e-05:1e+03]
unset label
set label 1 "OU continuous-time limit: KL = 8.3e-09 (below the axis)" at graph 0.97, graph 0.94 right font ',10'
plot 'data.csv' index 2 using 1:(pos($2)) with linespoints lt 1, \
     'data.csv' index 2 using 1:(pos($4)) with linespoints lt 2, \
     'data.csv' index 2 using 1:(pos($6)) with linespoints lt 3, \
     cont_2_ou with lines lt 4, \
     'data.csv' index 2 using 1:(pos($8)) with linespoints lt 5, \
     'data.csv' index 2 using 1:(pos($10)) with linespoints lt 6, \
     'data.csv' index 2 using 1:(pos($12)) with linespoints lt 7, \
     'data.csv' index 2 using 1:(pos($14)) with linespoints lt 8, \
     'data.csv' index 2 using 1:(pos($16)) with linespoints lt 9, \
     cont_2_cld with lines lt 10
unset label

# ---- panel (e): case het_T5_quad (data.csv index 3)
set lmargin at screen 0.3800; set rmargin at screen 0.6600
set bmargin at screen 0.1500; set tmargin at screen 0.4800
set title "(e) the same on the quadratic grid τ_k = T(1 - k/N)^2"
set logscale xy
set xrange [4:800]
set xtics (5, 10, 20, 40, 80, 160, 320, 640)
set mxtics default
set format x '%g'
set xlabel 'N (score evaluations = steps)'
unset ylabel
set yrange [1e-05:1e+03]
unset label
set label 1 "OU continuous-time limit: KL = 8.3e-09 (below the axis)" at graph 0.97, graph 0.94 right font ',10'
plot 'data.csv' index 3 using 1:(pos($2)) with linespoints lt 1, \
     'data.csv' index 3 using 1:(pos($4)) with linespoints lt 2, \
     'data.csv' index 3 using 1:(pos($6)) with linespoints lt 3, \
     cont_3_ou with lines lt 4, \
     'data.csv' index 3 using 1:(pos($8)) with linespoints lt 5, \
     'data.csv' index 3 using 1:(pos($10)) with linespoints lt 6, \
     'data.csv' index 3 using 1:(pos($12)) with linespoints lt 7, \
     'data.csv' index 3 using 1:(pos($14)) with linespoints lt 8, \
     'data.csv' index 3 using 1:(pos($16)) with linespoints lt 9, \
     cont_3_cld with lines lt 10
unset label

# ---- panel (c): continuous-time samplers against T (data.csv last index)
set lmargin at screen 0.7100; set rmargin at screen 0.9900
set bmargin at screen 0.5650; set tmargin at screen 0.8950
set title "(c) initialisation error alone: continuous-time samplers against T"
unset logscale
set logscale y
set xrange [0.4:6.1]
set xtics 0.5, 0.5, 6
set mxtics 2
set format x '%g'
set xlabel 'horizon T'
unset ylabel
set yrange [1e-22:1e+01]
set key bottom left font ',10' spacing 1.1 samplen 3
plot 'data.csv' index 5 using 1:(pos($2)) with lines lc rgb '#08306B' lw 2.5 dt solid title 'd = 1 N(0,2): OU', \
     'data.csv' index 5 using 1:(pos($3)) with lines lc rgb '#B2182B' lw 2.5 dt solid title 'd = 1: CLD, v_0 = 1 (stationary)', \
     'data.csv' index 5 using 1:(pos($4)) with lines lc rgb '#F16913' lw 2.5 dt solid title 'd = 1: CLD, v_0 = 0.04', \
     'data.csv' index 5 using 1:(pos($8)) with lines lc rgb '#08306B' lw 2.5 dt (8,4) title 'd = 10 heterosc.: OU', \
     'data.csv' index 5 using 1:(pos($9)) with lines lc rgb '#B2182B' lw 2.5 dt (8,4) title 'd = 10: CLD, v_0 = 1', \
     'data.csv' index 5 using 1:(pos($10)) with lines lc rgb '#F16913' lw 2.5 dt (8,4) title 'd = 10: CLD, v_0 = 0.04'
unset key

# ---- panel (f): (best OU scheme)/(best CLD scheme) at equal N
set lmargin at screen 0.7100; set rmargin at screen 0.9900
set bmargin at screen 0.1500; set tmargin at screen 0.4800
set title "(f) (best OU error) / (best CLD error) at equal N;  above 1: CLD better"
set logscale xy
set xrange [4:800]
set xtics (5, 10, 20, 40, 80, 160, 320, 640)
set mxtics default
set format x '%g'
set xlabel 'N (score evaluations = steps)'
unset ylabel
set yrange [1e-08:1e+05]
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb 'black' lw 1.5
set key bottom right maxrows 4 font ',10' spacing 1.05 samplen 3 width -2
plot 'data.csv' index 0 using 1:(pos($47)) with linespoints lc rgb '#1B9E77' lw 2 pt 7 ps 0.8 dt solid title 'd=1, T=2: KL', \
     'data.csv' index 0 using 1:(pos($55)) with linespoints lc rgb '#1B9E77' lw 2 pt 6 ps 0.8 dt (6,4) title 'd=1, T=2: W_2', \
     'data.csv' index 1 using 1:(pos($47)) with linespoints lc rgb '#D95F02' lw 2 pt 7 ps 0.8 dt solid title 'd=1, T=5: KL', \
     'data.csv' index 1 using 1:(pos($55)) with linespoints lc rgb '#D95F02' lw 2 pt 6 ps 0.8 dt (6,4) title 'd=1, T=5: W_2', \
     'data.csv' index 2 using 1:(pos($47)) with linespoints lc rgb '#7570B3' lw 2 pt 7 ps 0.8 dt solid title 'd=10 het., T=5: KL', \
     'data.csv' index 2 using 1:(pos($55)) with linespoints lc rgb '#7570B3' lw 2 pt 6 ps 0.8 dt (6,4) title 'd=10 het., T=5: W_2', \
     'data.csv' index 3 using 1:(pos($47)) with linespoints lc rgb '#E7298A' lw 2 pt 7 ps 0.8 dt solid title 'd=10 het., T=5, quad. grid: KL', \
     'data.csv' index 3 using 1:(pos($55)) with linespoints lc rgb '#E7298A' lw 2 pt 6 ps 0.8 dt (6,4) title 'd=10 het., T=5, quad. grid: W_2'
unset arrow 1
unset key

# ---- legend of (a), (b), (d), (e) (NaN first: a plot of key entries only trips gnuplot 5.4)
set lmargin at screen 0.02; set rmargin at screen 0.98
set bmargin at screen 0.005; set tmargin at screen 0.0900
unset title; unset xlabel; unset ylabel; unset logscale; unset grid; unset border; unset tics
unset label
set xrange [0:1]; set yrange [0:1]
set key center center horizontal maxrows 2 Left reverse width 1 samplen 4 spacing 1.3 font ',12'
plot NaN notitle, \
     keyentry with linespoints lt 1 title 'OU, EM', \
     keyentry with linespoints lt 2 title 'OU, EI', \
     keyentry with linespoints lt 3 title 'OU, EIR', \
     keyentry with lines lt 4 title 'OU, continuous time (no discretisation)', \
     keyentry with linespoints lt 5 title 'CLD, EM', \
     keyentry with linespoints lt 6 title 'CLD, EI', \
     keyentry with linespoints lt 7 title 'CLD, EIR (renormalised EI)', \
     keyentry with linespoints lt 8 title 'CLD, split (Strang)', \
     keyentry with linespoints lt 9 title 'CLD, split renormalised (SSCS-type)', \
     keyentry with lines lt 10 title 'CLD, continuous time (no discretisation)'
unset multiplot
