set encoding utf8
set terminal pngcairo enhanced size 1800,2210 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 3,2 title "scclo26_lyapunov: SCCLO26 Lyapunov propagation of the backward chain\nseed 000 (Ocello), slide 'Stability II: Lyapunov Propagation'; Strasman, Cardoso, Le Corff, Lemaire, Ocello, arXiv:2601.21868, 2026\nsolid, filled dots: exact uniform_contraction_factor     dashed: requirement rho_max < 1     red ring: violated" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "data variance s^2 (1-D, T = 1, N = 10, exact score)" noenhanced
set ylabel "uniform_contraction_factor" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.5, 1, 2, 5, 10)
set autoscale fix
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, N(0,s^2), T=1, N=10', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'ei, N(0,s^2), T=1, N=10', \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'eir, N(0,s^2), T=1, N=10', \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "multiplicative score error delta (N(0,4), T = 1, N = 10)" noenhanced
set ylabel "uniform_contraction_factor" noenhanced
set autoscale fix
plot 'data.csv' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, N(0,4), T=1, N=10', \
     '' index 3 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 3 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 3 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'ei, N(0,4), T=1, N=10', \
     '' index 4 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 4 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'eir, N(0,4), T=1, N=10', \
     '' index 5 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 5 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "additive score error eps (rho unchanged; b grows ~ eps^2)" noenhanced
set ylabel "uniform_contraction_factor" noenhanced
set logscale x
set mxtics default
set format x '10^{%L}'
set autoscale fix
plot 'data.csv' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, N(0,1.5), T=1, N=10', \
     '' index 6 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 6 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 6 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'em, pair a=2 var=0.25, T=1, N=10', \
     '' index 7 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 7 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "number of steps N (T = 1, em, exact score)" noenhanced
set ylabel "uniform_contraction_factor" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (1, 2, 5, 10, 20, 50, 100)
set autoscale fix
set logscale y
set mytics default
set format y '%g'
set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1)
plot 'data.csv' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, N(0,1.5), T=1', \
     '' index 8 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 8 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 8 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'em, N(0,4), T=1', \
     '' index 9 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 9 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "component variance var of 1/2 N(-1,var) + 1/2 N(1,var) (T = 1, N = 10)" noenhanced
set ylabel "uniform_contraction_factor" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.1, 0.2, 0.5, 1, 2)
set autoscale fix
plot 'data.csv' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, pair a=1, T=1, N=10', \
     '' index 10 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 10 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 10 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'ei, pair a=1, T=1, N=10', \
     '' index 11 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 11 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'eir, pair a=1, T=1, N=10', \
     '' index 12 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 12 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
